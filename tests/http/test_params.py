"""Typed parameters over HTTP: every source and kind of type, and every problem as one 400."""

import json

import pytest
import requests

from conftest import build_path, start_server


@pytest.fixture(scope="module")
def server():
    s = start_server([build_path("tests/http/params_server")])
    yield s
    assert s.stop() == 0


def test_path_query_defaults_and_optionals(server):
    r = requests.get(server.url + "/scalars/12", params={"f": "2.5", "b": "yes", "s": "x", "l": "0x10"})
    assert r.status_code == 200
    assert r.json() == {"i": 12, "f": 2.5, "b": True, "s": "x", "l": 16}
    assert requests.get(server.url + "/scalars/12").json() == {"i": 12, "f": 1.5, "b": False, "s": "-", "l": 7}
    assert requests.get(server.url + "/scalars/x").status_code == 404  # not an int: no such route


def test_form_and_json_bodies(server):
    assert requests.post(server.url + "/scalars", data={"i": "3", "s": "form"}).json() == {"i": 3, "s": "form"}
    assert requests.post(server.url + "/scalars", json={"i": 4, "s": "json"}).json() == {"i": 4, "s": "json"}
    files = {"i": (None, "5"), "s": (None, "multipart")}
    assert requests.post(server.url + "/scalars", files=files).json() == {"i": 5, "s": "multipart"}


def test_every_problem_in_one_400(server):
    r = requests.post(server.url + "/scalars", data={"i": "ten", "zzz": "1"})
    assert r.status_code == 400
    lines = r.text.split("\n")
    assert lines[0].startswith('parameter "i" cast error on ten')
    assert lines[1] == 'parameter "s" is missing'
    assert lines[2] == 'unexpected parameter "zzz"'
    assert requests.post(server.url + "/scalars", data="{bad", headers={"Content-Type": "application/json"}).status_code == 400
    assert requests.get(server.url + "/scalars/1", params=[("f", "1"), ("f", "2")]).status_code == 400
    assert requests.get(server.url + "/scalars/1", params={"i": "2"}).status_code == 400  # path and request


def test_headers_and_cookies(server):
    r = requests.get(server.url + "/headers", headers={"User-Agent": "probe/1", "X-Count": "9"},
                     cookies={"session": "abc", "theme": "dark"})
    assert r.json() == {"agent": "probe/1", "count": 9, "session": "abc", "theme": "dark"}
    r = requests.get(server.url + "/headers", headers={"User-Agent": "probe/1"}, cookies={"session": "abc"})
    assert r.json()["count"] == 3 and r.json()["theme"] == "-"
    r = requests.get(server.url + "/headers", headers={"User-Agent": "probe/1"})
    assert r.status_code == 400  # upstream: 500 for a missing mandatory cookie
    assert 'cookie "session" is missing' in r.text
    r = requests.get(server.url + "/headers", headers={"User-Agent": "probe/1", "X-Count": "many"},
                     cookies={"session": "abc"})
    assert r.status_code == 400


def test_repeated_values_and_arrays(server):
    assert requests.get(server.url + "/tags", params=[("tag", "a"), ("tag", "b")]).json() == ["a", "b"]
    assert requests.post(server.url + "/numbers", json={"n": [1, 2, 3]}).json() == [1, 2, 3]
    r = requests.post(server.url + "/numbers", json={"n": [1, "x", 3.5]})
    assert r.status_code == 400
    assert "item 1" in r.text and "item 2" in r.text  # each bad item reported


def test_json_values_and_structures(server):
    assert requests.post(server.url + "/json", json={"data": {"k": [1, None]}}).json() == {"data": {"k": [1, None]}}
    assert requests.post(server.url + "/json", data={"data": '{"k": true}'}).json() == {"data": {"k": True}}
    order = {"customer": "calvin", "lines": [{"product": "pear", "quantity": 2}]}
    assert requests.post(server.url + "/order", json={"order": order}).json() == {
        "customer": "calvin", "lines": [{"product": "pear", "quantity": 2}], "note": "-"}
    assert requests.post(server.url + "/order", data={"order": json.dumps(order)}).status_code == 200
    bad = {"customer": "calvin", "lines": [{"product": "pear", "quantity": "two"}], "admin": True}
    r = requests.post(server.url + "/order", json={"order": bad})
    assert r.status_code == 400
    assert "quantity" in r.text and "admin" in r.text


def test_dates_and_uuids(server):
    r = requests.get(server.url + "/when", params={"day": "2026-11-29", "id": "12345678-1234-5678-1234-567812345678"})
    assert r.json() == {"year": 2026, "month": 11, "day": 29, "id": "12345678-1234-5678-1234-567812345678"}
    assert requests.get(server.url + "/when", params={"day": "2026-02-30", "id": "x"}).status_code == 400


def test_files(server):
    files = {"file": ("notes.txt", b"hello\x00world", "text/plain")}
    r = requests.post(server.url + "/upload", files=files, data={"title": "t"})
    assert r.status_code == 200
    assert r.json()["filename"] == "notes.txt" and r.json()["size"] == 11 and r.json()["title"] == "t"
    r = requests.post(server.url + "/upload", data={"file": "not a file"})
    assert r.status_code == 400
    assert requests.post(server.url + "/upload", json={"file": "x"}).status_code == 400


def test_kwargs_takes_the_rest(server):
    r = requests.get(server.url + "/kwargs", params={"a": "1", "b": "2", "c": "three"})
    assert r.json() == {"a": 1, "rest": {"b": "2", "c": "three"}}


def test_bad_bytes_never_5xx(server):
    for body, ctype in [(b"i=%ff%00&s=%c3%28", "application/x-www-form-urlencoded"),
                        (b'{"i": 1, "s": "\xff\xfe"}', "application/json"),
                        (b"\x00\x01\x02", "application/json")]:
        r = requests.post(server.url + "/scalars", data=body, headers={"Content-Type": ctype})
        assert r.status_code < 500
        r.content.decode("utf-8")  # error bodies are valid UTF-8
    r = requests.get(server.url + "/scalars/1?s=%ff%fe%00")
    assert r.status_code < 500
