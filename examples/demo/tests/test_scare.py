"""demo-spec §5.5 and §8: /scare, self-care."""

from conftest import FOO

# a valid TOTP secret: PostgreSQL's schema checks it (^[A-Z2-7]{16,32}$), SQLite's does not
SECRET = "XSECRETXSECRETXS"


def register(demo, login="calvin", password="hobbes"):
    r = demo.post("/scare", data={"login": login, "email": f"{login}@school.org", "pass": password,
                                  "secret": "CALVINSECRETCALVIN"})
    assert r.status_code == 201, r.text
    return r.json()


def test_register_and_read(demo):
    assert register(demo) == 3
    calvin = ("calvin", "hobbes")
    row = demo.get("/scare", auth=calvin).json()
    assert row[:2] == ["calvin", "calvin@school.org"] and row[3] in (0, False)
    assert demo.get("/scare", auth=("calvin@school.org", "hobbes")).json()[0] == "calvin"
    r = demo.post("/scare", data={"login": "calvin", "email": "other@school.org", "pass": "pw", "secret": SECRET})
    assert r.status_code == 409  # upstream: 500
    r = demo.post("/scare", data={"login": "x", "email": "x@school.org", "pass": "1", "secret": SECRET})
    assert r.status_code == 400 and r.text == "password is too short, must be at least 2"
    r = demo.post("/scare", data={"login": "x"})
    assert r.status_code == 400 and 'parameter "email" is missing' in r.text


def test_failed_email_login_before_registration_stays_cached(demo):
    # demo-spec §8: POST /scare forgets the cached "no such user" of the login only, not of the e-mail
    assert demo.get("/who", auth=("calvin@school.org", "hobbes")).json() is None
    register(demo)
    assert demo.get("/who", auth=("calvin", "hobbes")).json() == "calvin"
    assert demo.get("/who", auth=("calvin@school.org", "hobbes")).json() is None


def test_tokens(demo):
    token = demo.token(FOO)
    if demo.kind == "jwt":
        assert token.count(".") == 2
    else:
        assert token.startswith("demo:foo:")
    assert demo.get("/who", **demo.with_token(token)).json() == "foo"
    assert demo.get("/scare", **demo.with_token(token)).json()[0] == "foo"
    email_token = demo.token(("foo@school.org", "bla"))
    assert demo.get("/who", **demo.with_token(email_token)).json() == "foo@school.org"
    # Basic only: a token does not get a token
    assert demo.get("/scare/token", **demo.with_token(token)).status_code == 401
    r = demo.get("/scare/token2", auth=FOO, params={"code": "foo:42"})
    assert r.status_code == 200 and demo.get("/who", **demo.with_token(r.json())).json() == "foo"
    r = demo.get("/scare/token2", auth=FOO, params={"code": "foo:41"})
    assert r.status_code == 400 and r.text == "invalid validation code for foo"
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    r = demo.get("/scare/token2", auth=FOO)
    assert r.status_code == 400 and 'parameter "code" is missing' in r.text


def test_change_password(demo):
    register(demo)
    calvin = ("calvin", "hobbes")
    assert demo.get("/who", auth=("calvin@school.org", "hobbes")).json() == "calvin@school.org"
    r = demo.patch("/scare", auth=calvin, data={"opass": "wrong", "npass": "tiger"})
    assert r.status_code == 403 and r.text == "invalid password provided"
    r = demo.patch("/scare", auth=calvin, data={"opass": "hobbes", "npass": "1"})
    assert r.status_code == 400 and r.text == "password is too short, must be at least 2"
    assert demo.patch("/scare", auth=calvin, data={"opass": "hobbes", "npass": "tiger"}).status_code == 204
    assert demo.get("/who", auth=calvin).json() is None
    assert demo.get("/who", auth=("calvin", "tiger")).json() == "calvin"
    assert demo.get("/who", auth=("calvin@school.org", "tiger")).json() == "calvin@school.org"
    r = demo.patch("/scare", auth=("calvin", "tiger"))
    assert r.status_code == 400 and 'parameter "opass" is missing' in r.text


def test_unregister(demo):
    register(demo)
    calvin = ("calvin", "hobbes")
    assert demo.get("/who", auth=("calvin@school.org", "hobbes")).json() == "calvin@school.org"
    r = demo.delete("/scare", auth=calvin, params={"x": "1"})
    assert r.status_code == 400 and '"x"' in r.text
    assert demo.delete("/scare", auth=calvin).status_code == 204
    assert demo.get("/who", auth=calvin).json() is None
    assert demo.get("/who", auth=("calvin@school.org", "hobbes")).json() is None


def test_unregister_by_email_keeps_the_cached_login(demo):
    # demo-spec §8: deleted while authenticated by e-mail, the login's cached password survives
    register(demo)
    calvin = ("calvin", "hobbes")
    assert demo.get("/who", auth=calvin).json() == "calvin"
    assert demo.delete("/scare", auth=("calvin@school.org", "hobbes")).status_code == 204
    r = demo.get("/scare", auth=calvin)
    assert r.status_code == 200 and r.json() is None
