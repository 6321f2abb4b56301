"""demo-spec §5.6: /types, parameter types printed in Python's forms; open routes."""

import pytest

from conftest import FOO


@pytest.mark.parametrize("kw,text", [
    ({}, "i=0, f=0.0, b=False, s="),
    ({"params": {"i": "3", "f": "2.5", "b": "true", "s": "hi"}}, "i=3, f=2.5, b=True, s=hi"),
    ({"params": {"b": "no"}}, "i=0, f=0.0, b=True, s="),
    ({"params": {"b": "F"}}, "i=0, f=0.0, b=False, s="),
    ({"params": {"i": "0x10", "f": "1000"}}, "i=16, f=1000.0, b=False, s="),
    ({"params": {"f": "1e16"}}, "i=0, f=1e+16, b=False, s="),
    ({"params": {"f": "0.00001"}}, "i=0, f=1e-05, b=False, s="),
    ({"json": {"f": 1}}, "i=0, f=1.0, b=False, s="),
    ({"data": {"s": "form"}}, "i=0, f=0.0, b=False, s=form"),
])
def test_scalars(demo, kw, text):
    r = demo.get("/types/scalars", **kw)
    assert r.status_code == 200 and r.text == text
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"


def test_scalars_errors(demo):
    r = demo.get("/types/scalars", params={"i": "x"})
    assert r.status_code == 400 and r.text.startswith('parameter "i" cast error on x')
    r = demo.get("/types/scalars", json={"b": 1})
    assert r.status_code == 400 and '"b"' in r.text


@pytest.mark.parametrize("j,text", [
    ('{"a": [1, 2]}', "dict: {'a': [1, 2]}"),
    ('{"b": 1, "a": 2}', "dict: {'b': 1, 'a': 2}"),  # received order
    ("3", "int: 3"), ("3.5", "float: 3.5"), ('"s"', "str: s"), ("true", "bool: True"),
    ('[1, "a"]', "list: [1, 'a']"), ("null", "NoneType: None"), ('["it\'s"]', 'list: ["it\'s"]'),
])
def test_json(demo, j, text):
    r = demo.get("/types/json", params={"j": j})
    assert r.status_code == 200 and r.text == text


def test_json_body_and_errors(demo):
    assert demo.get("/types/json", json={"j": {"x": None}}).text == "dict: {'x': None}"
    r = demo.get("/types/json", params={"j": "{oops"})
    assert r.status_code == 400 and '"j"' in r.text
    r = demo.get("/types/json")
    assert r.status_code == 400 and 'parameter "j" is missing' in r.text


def test_nat(demo):
    r = demo.get("/types/nat", json={"i": 1, "j": 2})
    assert r.status_code == 200 and r.text == "3\n"
    assert demo.get("/types/nat", json={"i": 1.5, "j": True}).json() == 2
    r = demo.get("/types/nat", json={"i": 1e300, "j": 1})
    assert r.status_code == 400 and '"i"' in r.text
    r = demo.get("/types/nat", json={"i": 1, "j": -2})
    assert r.status_code == 400 and r.text == 'parameter "j" cast error on -2: nat value must be positive: -2'
    # upstream compares the raw value with 0 first: strings always fail (demo-spec §9, quirk 2)
    r = demo.get("/types/nat", params={"i": "1", "j": "2"})
    assert r.status_code == 400
    assert r.text.split("\n") == [
        "parameter \"i\" cast error on 1: '<' not supported between instances of 'str' and 'int'",
        "parameter \"j\" cast error on 2: '<' not supported between instances of 'str' and 'int'"]


def test_models(demo):
    r = demo.post("/types/char", json={"char": {"name": "Haddock", "age": 50}})
    assert r.status_code == 201 and r.text == '{"age":50,"name":"Haddock"}\n'
    r = demo.post("/types/char", data={"char": '{"name": "Haddock", "age": "50"}'})
    assert r.status_code == 201 and r.json() == {"age": 50, "name": "Haddock"}
    r = demo.post("/types/pers", json={"pers": {"name": "Tintin", "age": 15}})
    assert r.status_code == 201 and r.text == '{"age":15,"name":"Tintin"}\n'
    r = demo.post("/types/pers", json={"pers": {"name": "Tintin"}})
    assert r.status_code == 400 and r.text.startswith('parameter "pers" cast error on ')
    r = demo.post("/types/char", json={"char": {"name": "Haddock", "age": "old"}})
    assert r.status_code == 400 and r.text.startswith('parameter "char" cast error on ')
    r = demo.post("/types/char", json={"char": 5})
    assert r.status_code == 400 and '"char"' in r.text


def test_ls(demo):
    r = demo.get("/types/ls", json={"ls": ["a", "b", "c"]})
    assert r.status_code == 200 and r.text == '{"all":"a/b/c","len":3}\n'
    assert demo.get("/types/ls", json={"ls": []}).json() == {"all": "", "len": 0}
    # only a JSON body's array of strings (demo-spec §9, quirk 3)
    for kw in ({"json": {"ls": ["a", 1]}}, {"json": {"ls": "abc"}}, {"json": {"ls": 3}},
               {"params": {"ls": '["a"]'}}):
        r = demo.get("/types/ls", **kw)
        assert r.status_code == 400 and r.text.endswith("expecting list[str]"), r.text


def test_types_need_no_authentication(demo):
    assert demo.get("/types/scalars", auth=FOO).status_code == 200
