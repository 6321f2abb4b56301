"""demo-spec §5.4: /auth, user administration with the User model, for admins."""

import json

from conftest import BLA, FOO

NEW = {"login": "calvin", "email": "calvin@school.org", "upass": "hobbes", "admin": False,
       "secret": "CALVINSECRETCALVIN"}


def test_list(demo):
    r = demo.get("/auth", auth=FOO)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json"
    # upstream's streamed form: members in column order, Python's separators
    assert r.text.startswith('[{"aid": 2, "login": "bla", "email": "bla@school.org", "upass": "$2b$04$')
    assert r.text.endswith(f'"admin": {demo.true()}, "secret": "FOOSECRETFOOSECRET"}}]\n')
    assert [u["login"] for u in r.json()] == ["bla", "foo"]


def test_get(demo):
    r = demo.get("/auth/bla", auth=FOO)
    assert r.status_code == 200
    assert r.text.startswith(f'{{"admin":{demo.true()},"aid":2,"email":"bla@school.org","login":"bla",'
                             '"secret":"BLASECRETBLASECRET","upass":"$2b$04$')
    r = demo.get("/auth/bla@school.org", auth=FOO)  # the login only
    assert r.status_code == 404 and r.text == "no such login: bla@school.org"
    calvin = ("calvin", "hobbes")
    demo.post("/auth", auth=FOO, json={"user": NEW})
    r = demo.get("/auth/bla", auth=calvin)
    assert r.status_code == 403 and r.text == 'not in group "ADMIN"'


def test_create(demo):
    r = demo.post("/auth", auth=FOO, json={"user": dict(NEW, aid=99)})  # the model's aid is ignored
    assert r.status_code == 201 and r.text == '{"aid":3}\n'
    assert demo.get("/who", auth=("calvin", "hobbes")).json() == "calvin"
    assert demo.get("/auth/calvin", auth=FOO).json()["admin"] in (0, False)
    # the model as JSON text in a form or query parameter; pydantic's lax booleans
    user = dict(NEW, login="hobbes", email="hobbes@school.org", admin="yes")
    r = demo.post("/auth", auth=FOO, data={"user": json.dumps(user)})
    assert r.status_code == 201, r.text
    assert demo.get("/auth/hobbes", auth=FOO).json()["admin"] in (1, True)
    r = demo.post("/auth", auth=FOO, json={"user": NEW})
    assert r.status_code == 409  # upstream: 201 {"aid": null}


def test_create_errors(demo):
    r = demo.post("/auth", auth=FOO, json={"user": 5})
    assert r.status_code == 400 and '"user"' in r.text
    r = demo.post("/auth", auth=FOO, json={"user": dict(NEW, admin="maybe")})
    assert r.status_code == 400
    assert r.text.startswith('parameter "user" cast error on ') and "admin" in r.text
    r = demo.post("/auth", auth=FOO, json={"user": {"login": "x"}})
    assert r.status_code == 400 and "email" in r.text
    r = demo.post("/auth", auth=FOO, json={"user": dict(NEW, upass="x")})
    assert r.status_code == 400 and r.text == "password is too short, must be at least 2"
    r = demo.post("/auth", auth=FOO, json={"user": dict(NEW, login="c@lvin")})
    assert r.status_code == 500  # check constraint
    r = demo.post("/auth", auth=FOO)
    assert r.status_code == 400 and 'parameter "user" is missing' in r.text


def test_replace(demo):
    user = dict(NEW, login="foo2", email="foo2@school.org", upass="pass2", admin=1, aid=1)
    assert demo.get("/who", auth=FOO).json() == "foo"  # cached password of foo
    r = demo.put("/auth/1", auth=BLA, json={"user": user})
    assert r.status_code == 204, r.text
    assert demo.get("/who", auth=FOO).json() is None  # foo's cache entries are gone
    assert demo.get("/who", auth=("foo2", "pass2")).json() == "foo2"
    assert demo.get("/auth/foo2", auth=BLA).json()["secret"] == NEW["secret"]
    r = demo.put("/auth/2", auth=BLA, json={"user": user})
    assert r.status_code == 400 and r.text == "inconsistent aid"
    r = demo.put("/auth/1", auth=BLA, json={"user": dict(user, aid=None)})
    assert r.status_code == 400 and r.text == "inconsistent aid"
    r = demo.put("/auth/1", auth=BLA, json={"user": dict(user, aid="1", upass="1")})
    assert r.status_code == 400 and r.text == "password is too short, must be at least 2"
    r = demo.put("/auth/42", auth=BLA, json={"user": dict(user, aid=42)})
    assert r.status_code == 404 and r.text == "no such aid: 42"
    assert demo.put("/auth/abc", auth=BLA, json={"user": user}).status_code == 405


def test_delete(demo):
    demo.post("/auth", auth=FOO, json={"user": NEW})
    assert demo.delete("/auth/calvin@school.org", auth=FOO).status_code == 204
    r = demo.delete("/auth/calvin", auth=FOO)
    assert r.status_code == 404 and r.text == "no such login: calvin"
    assert demo.get("/who", auth=("calvin", "hobbes")).json() is None
