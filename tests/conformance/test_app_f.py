"""Black-box tests of app F (upstream's test/AppFact.py, "4ops"), from test-apps-spec.md §1 and §3."""

import time

import jwt
import pytest
import requests

from conftest import build_path, start_server

SECRET = "FSA acceptance JWT secret 0123456789"


def make_jwt(sub, scope=None, exp=4102444800, aud="4ops", iss="god", secret=SECRET):
    claims = {"exp": exp, "sub": sub, "aud": aud, "iss": iss}
    if scope is not None:
        claims["scope"] = scope
    return jwt.encode(claims, secret, algorithm="HS256")


@pytest.fixture(scope="module")
def url():
    server = start_server([build_path("tests/conformance/app_f")])
    yield server.url
    server.stop()


def get(url, path, **kw):
    return requests.get(url + path, timeout=5, **kw)


def bearer(token):
    return {"Authorization": "Bearer " + token}


@pytest.mark.parametrize(
    "path,body",
    [("/mul?i=3&j=4", "12"), ("/add?i=3&j=4", "7"), ("/div?i=7&j=2", "3"), ("/div?i=-7&j=2", "-4"),
     ("/sub?i=3&j=4", "-1"), ("/something", "AppFact")],
)
def test_ops_with_each_scheme(url, path, body):
    sep = "&" if "?" in path else "?"
    for r in (get(url, path + sep + "LOGIN=calvin"), get(url, path, auth=("calvin", "hobbes")),
              get(url, path + sep + "USER=hobbes&PASS=susie"), get(url, path, headers=bearer(make_jwt("rosalyn")))):
        assert r.status_code == 200, r.text
        assert r.text == body
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert not any(h.lower().startswith("fsa-") for h in r.headers)  # prod mode


def test_unauthenticated(url):
    r = get(url, "/mul?i=1&j=2")
    assert r.status_code == 401
    assert r.text == "missing param login parameter: USER"
    challenges = r.raw.headers.getlist("WWW-Authenticate")
    assert any(c.startswith('Basic realm="4ops"') for c in challenges)
    assert 'Bearer realm="4ops"' in challenges


def test_bad_credentials(url):
    assert get(url, "/add?i=1&j=2", auth=("calvin", "wrong")).status_code == 401
    assert get(url, "/add?i=1&j=2", headers=bearer(make_jwt("calvin", exp=int(time.time()) - 3600))).status_code == 401
    assert get(url, "/add?i=1&j=2", headers=bearer(make_jwt("calvin", iss="devil"))).status_code == 401
    assert get(url, "/add?i=1&j=2", headers=bearer(make_jwt("calvin", aud="Test"))).status_code == 401
    assert get(url, "/add?i=1&j=2", headers=bearer(make_jwt("calvin", secret="x" * 40))).status_code == 401


def test_div_by_zero(url):
    r = get(url, "/div?i=1&j=0&LOGIN=calvin")
    assert r.status_code == 500


def test_bad_and_missing_params(url):
    r = get(url, "/mul?i=x&LOGIN=calvin")
    assert r.status_code == 400
    assert 'parameter "i" cast error on x' in r.text
    assert 'parameter "j" is missing' in r.text


def test_admin(url):
    assert get(url, "/admin?LOGIN=dad").text == "admin!"
    r = get(url, "/admin?LOGIN=calvin")
    assert r.status_code == 403 and r.text == 'not in group "0"'


def test_self(url):
    r = get(url, "/self/calvin?LOGIN=calvin")
    assert r.status_code == 200 and r.text == "hello: calvin"
    r = get(url, "/self/calvin?LOGIN=dad")  # no admin override in F
    assert r.status_code == 403
    assert r.text.startswith("permission denied on users")
    r = get(url, "/self/nobody?LOGIN=calvin")
    assert r.status_code == 404 and r.text == "object not found"


def test_hits(url):
    r = get(url, "/hits?LOGIN=dad")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    v = r.json()
    assert isinstance(v, list) and len(v) == 2 and isinstance(v[0], int) and isinstance(v[1], float)
    assert get(url, "/hits?LOGIN=calvin").status_code == 403


def test_jwt_authz(url):
    r = get(url, "/perm/jwt-authz", headers=bearer(make_jwt("rosalyn", scope="character")))
    assert r.status_code == 200 and r.text == "jwt-authz: rosalyn"
    r = get(url, "/perm/jwt-authz", headers=bearer(make_jwt("rosalyn", scope="other things")))
    assert r.status_code == 403 and r.text == 'missing permission "character"'
    r = get(url, "/perm/jwt-authz")
    assert r.status_code == 401 and r.text == "missing token"
    assert r.headers["WWW-Authenticate"].startswith('Bearer realm="4ops"')


def test_blueprint(url):
    assert get(url, "/b/words/hi?n=3&LOGIN=calvin").text == "hi_hi_hi"
    assert get(url, "/b/words/hi?LOGIN=calvin").text == "hi"
    assert get(url, "/b/words/hi?n=0&LOGIN=calvin").text == ""
    assert get(url, "/b/something", auth=("calvin", "hobbes")).text == "AppFact"
    r = get(url, "/b/blue")
    assert r.status_code == 403 and r.text == "currently closed route"
    assert get(url, "/b/something").status_code == 401


def test_unknown_route(url):
    assert get(url, "/nowhere").status_code == 404
