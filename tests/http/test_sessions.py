"""Black-box tests of token purposes, revocation and cookie sessions against tests/http/session_server
(SECURITY.md REQ-JWT-14, REQ-JWT-17, REQ-BEARER-05, REQ-SESS-03/04/05). Tokens are also made here with
PyJWT and hashlib, never with the server's code."""

import json
import time

import jwt
import pytest

from auth_helpers import CALVIN, Auth, challenges, clean_env, fsa_token, header_lines, secret, write_config
from conftest import build_path, start_server

KEY = secret("session tests token secret 0123456789 abcdef")
REALM = "session-test"


def served(factory, config):
    path = write_config(factory.mktemp("session"), {"FSA_TOKEN_SECRET": KEY, **config})
    auth = Auth(start_server([build_path("tests/http/session_server")], env=clean_env({"SESSION_CONFIG": str(path)})))
    yield auth
    assert auth.stop() == 0


def token_of(response):
    assert response.status_code == 200, (response.status_code, response.text)
    assert response.headers["Cache-Control"] == "no-store"  # a credential is never stored (REQ-SESS-04)
    return secret(json.loads(response.text))


def bearer(token):
    return {"Authorization": "Bearer " + token}


# --- REQ-JWT-14: an MFA stage-1 token is no access token, and the other way round ----------------


@pytest.fixture(scope="module", params=["fsa", "jwt"])
def mfa_srv(request, tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_TYPE": request.param})


def test_stage1_token_is_refused_on_normal_routes(mfa_srv):
    stage1 = token_of(mfa_srv.get("/stage1", auth=CALVIN))
    r = mfa_srv.get("/me", headers=bearer(stage1))
    assert r.status_code == 401
    assert challenges(r)[0] == f'Bearer realm="{REALM}", error="invalid_token"'
    access = token_of(mfa_srv.get("/stage2", headers=bearer(stage1)))
    assert mfa_srv.get("/me", headers=bearer(access)).text == "calvin"


def test_access_token_is_refused_on_the_stage2_route(mfa_srv):
    access = token_of(mfa_srv.get("/login", auth=CALVIN))
    r = mfa_srv.get("/stage2", headers=bearer(access))
    assert r.status_code == 401
    assert challenges(r)[0] == 'Bearer realm="mfa-stage1", error="invalid_token"'


# --- REQ-JWT-17: revocation on claims ----------------------------------------------------------


@pytest.fixture(scope="module")
def jwt_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_TYPE": "jwt"})


def test_revoked_token_and_its_re_encoding_are_refused(jwt_srv):
    now = int(time.time())
    claims = {"exp": now + 3600, "sub": "calvin", "aud": REALM, "iat": now - 100}
    old = secret(jwt.encode(claims, KEY, algorithm="HS256"))
    assert jwt_srv.get("/me", headers=bearer(old)).text == "calvin"  # checked, and now cached
    assert jwt_srv.post("/revoke", data={"user": "calvin", "before": now - 50}).text == "revoked"
    r = jwt_srv.get("/me", headers=bearer(old))
    assert r.status_code == 401  # the body is the last scheme's (basic) message, as for any 401
    assert challenges(r)[0] == f'Bearer realm="{REALM}", error="invalid_token"'
    # the same claims in another order, with another header: another string, the same token
    twin = secret(jwt.encode(dict(reversed(list(claims.items()))), KEY, algorithm="HS256", headers={"kid": "x"}))
    assert twin != old
    assert jwt_srv.get("/me", headers=bearer(twin)).status_code == 401
    fresh = token_of(jwt_srv.get("/login", auth=CALVIN))
    assert set(jwt.decode(fresh, KEY, algorithms=["HS256"], audience=REALM)) == {"exp", "sub", "aud", "iat"}
    assert jwt_srv.get("/me", headers=bearer(fresh)).text == "calvin"


# --- REQ-BEARER-05: a token in the URL makes the answer uncacheable ------------------------------


@pytest.fixture(scope="module")
def param_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_TYPE": "fsa",
                                         "FSA_TOKEN_CARRIER": "param"})


def test_param_carrier_answers_are_not_stored(param_srv):
    t = fsa_token("calvin", KEY, realm=REALM)
    r = param_srv.get("/me", params={"AUTH": t})
    assert (r.text, header_lines(r, "Cache-Control")) == ("calvin", ["no-store"])
    r = param_srv.get("/me", auth=CALVIN)
    assert (r.text, header_lines(r, "Cache-Control")) == ("calvin", [])


# --- cookie sessions: no-store renewals, an absolute lifetime, CSRF ------------------------------


@pytest.fixture(scope="module")
def cookie_srv(tmp_path_factory):
    # 3-second tokens, renewed on every request, for 6 seconds at most after the password login
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_TYPE": "jwt",
                                         "FSA_TOKEN_CARRIER": "cookie", "FSA_TOKEN_DELAY": 0.05,
                                         "FSA_TOKEN_RENEWAL": 1.0, "FSA_TOKEN_MAX_LIFETIME": 0.1})


def cookie_of(response):
    lines = header_lines(response, "Set-Cookie")
    if not lines:
        return None
    assert header_lines(response, "Cache-Control") == ["no-store"]  # REQ-SESS-04
    return secret(lines[0].split(";")[0].split("=", 1)[1])


def test_renewals_stop_at_the_maximum_lifetime(cookie_srv):
    cookie = cookie_of(cookie_srv.get("/me", auth=CALVIN))
    start = jwt.decode(cookie, KEY, algorithms=["HS256"], audience=REALM)["auth_time"]
    renewals, status = 0, 200
    for _ in range(20):  # about 8 rounds of 1 s: renewed every time until the 6 seconds are over
        r = cookie_srv.get("/me", headers={"Cookie": "auth=" + cookie})
        status = r.status_code
        if status != 200:
            break
        renewed = cookie_of(r)
        if renewed:
            claims = jwt.decode(renewed, KEY, algorithms=["HS256"], audience=REALM)
            assert claims["auth_time"] == start
            assert claims["exp"] <= start + 6
            cookie, renewals = renewed, renewals + 1
        time.sleep(1)
    assert status == 401
    assert renewals >= 2


@pytest.fixture(scope="module")
def csrf_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_TYPE": "fsa",
                                         "FSA_TOKEN_CARRIER": "cookie"})


def test_cross_site_unsafe_requests_do_not_use_the_cookie(csrf_srv):
    cookie = {"Cookie": "auth=" + fsa_token("calvin", KEY, realm=REALM)}
    own = csrf_srv.url  # http://127.0.0.1:PORT, what a page of this server sends as Origin
    for method in ("post", "delete"):
        send = getattr(csrf_srv.session, method)
        r = send(csrf_srv.url + "/me", headers={**cookie, "Origin": "https://evil.example"}, timeout=10)
        assert (r.status_code, r.text) == (403, "cross-site request refused")
        assert header_lines(r, "Set-Cookie") == []
        assert send(csrf_srv.url + "/me", headers={**cookie, "Origin": own}, timeout=10).text == "calvin"
        assert send(csrf_srv.url + "/me", headers=cookie, timeout=10).text == "calvin"
    r = csrf_srv.post("/me", headers={**cookie, "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert csrf_srv.get("/me", headers={**cookie, "Origin": "https://evil.example"}).text == "calvin"
    # a password is no ambient credential: the check is the cookie's
    assert csrf_srv.post("/me", auth=CALVIN, headers={"Origin": "https://evil.example"}).text == "calvin"
