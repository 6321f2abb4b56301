"""demo-spec §5.7: /oauth, delegated authorizations with scoped JWTs (demo-jwt.toml only)."""

import time

import jwt

from conftest import FOO, JWT_FOO, JWT_FOO_SCOPES, SECRET


def mint(sub, scope=None, exp=4102444800, iss="fabien"):
    claims = {"exp": exp, "sub": sub, "aud": "demo", "iss": iss}
    if scope is not None:
        claims["scope"] = scope
    return jwt.encode(claims, SECRET, algorithm="HS256")


def bearer(token):
    return {"Authorization": "Bearer " + token}


def test_only_with_jwt(fsa_demo):
    assert fsa_demo.get("/oauth", headers=bearer(JWT_FOO_SCOPES)).status_code == 404


def test_read(jwt_demo):
    r = jwt_demo.get("/oauth", headers=bearer(JWT_FOO_SCOPES))
    assert r.status_code == 200 and r.json()[:2] == ["foo", "foo@school.org"]
    assert r.headers["FSA-User"] == "foo (oauth)"
    assert jwt_demo.get("/oauth", headers=bearer(mint("nobody", "read"))).json() is None  # any subject
    r = jwt_demo.get("/oauth", headers=bearer(JWT_FOO))  # no scope
    assert r.status_code == 403 and r.text == 'missing permission "read"'
    r = jwt_demo.get("/oauth", headers=bearer(jwt_demo.token(FOO)))  # /scare/token gives no scope either
    assert r.status_code == 403


def test_authentication_errors(jwt_demo):
    r = jwt_demo.get("/oauth")
    assert r.status_code == 401 and r.text == "missing token"
    assert r.raw.headers.getlist("WWW-Authenticate") == ['Bearer realm="demo"']
    assert jwt_demo.get("/oauth", auth=FOO).status_code == 401  # Basic is not accepted here
    for token in (mint("foo", "read", iss="other"), mint("foo", "read", exp=int(time.time()) - 10),
                  JWT_FOO_SCOPES[:-2] + "xx"):
        assert jwt_demo.get("/oauth", headers=bearer(token)).status_code == 401


def test_write(jwt_demo):
    r = jwt_demo.patch("/oauth", headers=bearer(JWT_FOO_SCOPES), data={"email": "foo@home.org"})
    assert r.status_code == 204
    assert jwt_demo.get("/users/foo", auth=FOO).json()[1] == "foo@home.org"
    r = jwt_demo.patch("/oauth", headers=bearer(mint("foo", "read")), data={"email": "x@y.org"})
    assert r.status_code == 403 and r.text == 'missing permission "write"'
    r = jwt_demo.patch("/oauth", headers=bearer(JWT_FOO_SCOPES))
    assert r.status_code == 400 and 'parameter "email" is missing' in r.text
    assert jwt_demo.patch("/oauth", headers=bearer(mint("nobody", "write")), data={"email": "n@x.org"}).status_code == 204


def test_delete_clears_caches(jwt_demo):
    assert jwt_demo.get("/who", auth=("bla", "foo")).json() == "bla"  # cached password
    r = jwt_demo.delete("/oauth", headers=bearer(mint("bla", "read write")))
    assert r.status_code == 403 and r.text == 'missing permission "delete"'
    assert jwt_demo.delete("/oauth", headers=bearer(mint("bla", "delete"))).status_code == 204
    assert jwt_demo.get("/who", auth=("bla", "foo")).json() is None
    assert jwt_demo.delete("/oauth", headers=bearer(mint("bla", "delete"))).status_code == 204  # nothing left
