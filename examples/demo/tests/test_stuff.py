"""demo-spec §5.2: /stuff, for any authenticated user, by Basic (login or e-mail) or token."""

from conftest import BLA, FOO


def test_list_and_search(demo):
    assert demo.get("/stuff", auth=FOO).json() == [[1, "Hello"], [2, "World"], [3, "!"]]
    assert demo.get("/stuff", auth=FOO, params={"pattern": ""}).json() == [[1, "Hello"], [2, "World"], [3, "!"]]
    assert demo.get("/stuff", auth=FOO, params={"pattern": "%o%"}).json() == [[1, "Hello"], [2, "World"]]
    assert demo.get("/stuff", auth=FOO, params={"pattern": "W%"}).json() == [[2, "World"]]
    # LIKE is the database's: SQLite ignores ASCII case, PostgreSQL does not
    ignores_case = demo.database == "sqlite"
    assert demo.get("/stuff", auth=FOO, params={"pattern": "w%"}).json() == ([[2, "World"]] if ignores_case else [])
    assert demo.get("/stuff", auth=FOO, params={"pattern": "zz%"}).json() == []
    assert demo.get("/stuff", auth=FOO, json={"pattern": "H_llo"}).json() == [[1, "Hello"]]


def test_every_carrier(demo):
    token = demo.token(FOO)
    for kw in ({"auth": FOO}, {"auth": ("foo@school.org", "bla")}, demo.with_token(token)):
        r = demo.get("/stuff/1", **kw)
        assert r.status_code == 200, r.text
        assert r.text == '["Hello"]\n'
    r = demo.get("/stuff", auth=("foo", "wrong"))
    assert r.status_code == 401


def test_create_update_delete(demo):
    r = demo.post("/stuff", auth=BLA, data={"sname": "new"})
    assert r.status_code == 201 and r.text == "4\n"
    assert demo.post("/stuff", auth=BLA, json={"sname": ""}).json() == 5  # empty strings are accepted
    assert demo.patch("/stuff/4", auth=BLA, data={"sname": "renamed"}).status_code == 204
    assert demo.get("/stuff/4", auth=BLA).json() == ["renamed"]
    r = demo.delete("/stuff/5", auth=BLA)
    assert r.status_code == 204 and r.text == ""
    assert demo.delete("/stuff/5", auth=BLA).status_code == 204  # missing row: 204 as upstream
    # SQLite reuses the highest rowid once deleted; a PostgreSQL sequence (SERIAL8) never goes back
    assert demo.post("/stuff", auth=BLA, data={"sname": "again"}).json() == (5 if demo.database == "sqlite" else 6)


def test_errors(demo):
    r = demo.get("/stuff/42", auth=FOO)
    assert r.status_code == 404 and r.text == "no such sid: 42"
    r = demo.patch("/stuff/42", auth=FOO, data={"sname": "x"})
    assert r.status_code == 404 and r.text == "no such sid: 42"
    assert demo.get("/stuff/abc", auth=FOO).status_code == 404
    assert demo.get("/stuff/-1", auth=FOO).status_code == 404
    r = demo.post("/stuff", auth=FOO)
    assert r.status_code == 400 and 'parameter "sname" is missing' in r.text
    r = demo.patch("/stuff/1", auth=FOO)
    assert r.status_code == 400 and 'parameter "sname" is missing' in r.text
    r = demo.get("/stuff", auth=FOO, params={"x": "1"})
    assert r.status_code == 400 and '"x"' in r.text
