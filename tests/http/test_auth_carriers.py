"""Black-box tests of the token carriers (bearer with another name, header, cookie with renewal, param)
and of oauth scopes in tests/http/auth_server. Tokens are made here (hashlib, PyJWT)."""

import re
import time

import jwt
import pytest

from auth_helpers import (
    CALVIN,
    SUSIE,
    Auth,
    challenges,
    find_leaks,
    fsa_limit,
    fsa_token,
    header_lines,
    secret,
)

KEY = secret("carrier tests token secret 0123456789 abcdef")


def served(factory, config):
    auth = Auth.start(factory, config)
    yield auth
    assert auth.stop() == 0


def token(user="calvin", minutes=60.0):
    return fsa_token(user, KEY, minutes=minutes)


# --- bearer with another name -------------------------------------------------------------------


@pytest.fixture(scope="module")
def named_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_SECRET": KEY,
                                         "FSA_TOKEN_NAME": "Token"})


def test_bearer_renamed(named_srv):
    t = token()
    assert named_srv.get("/me", headers={"Authorization": "Token " + t}).text == "calvin"
    assert named_srv.get("/me", headers={"Authorization": "token " + t}).text == "calvin"
    r = named_srv.get("/me", headers={"Authorization": "Bearer " + t})
    assert (r.status_code, r.text) == (401, "missing token")
    assert challenges(r) == ['Token realm="auth-test"']
    r = named_srv.get("/me", headers={"Authorization": "Token " + token(minutes=-1)})
    assert challenges(r) == ['Token realm="auth-test", error="invalid_token"']


# --- header -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def header_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_SECRET": KEY,
                                         "FSA_TOKEN_CARRIER": "header"})


def test_header_carrier(header_srv):
    t = token()
    assert header_srv.get("/me", headers={"Auth": t}).text == "calvin"
    assert header_srv.get("/me", headers={"auth": t}).text == "calvin"
    r = header_srv.get("/me", headers={"Authorization": "Bearer " + t})
    assert (r.status_code, r.text) == (401, "missing token")
    assert challenges(r) == []  # RFC 6750 challenges belong to the Authorization header
    r = header_srv.get("/me", headers={"Auth": "Bearer " + t})
    assert r.status_code == 401
    r = header_srv.get("/me", headers={"Auth": token(minutes=-1)})
    assert (r.status_code, r.text) == (401, "expired token")
    issued = header_srv.token(headers={"Auth": t})
    assert header_srv.get("/me", headers={"Auth": issued}).text == "calvin"


def test_header_carrier_two_headers_are_400(header_srv):
    # like two Authorization headers (400) or two AUTH parameters (400): which token counts is ambiguous
    one, two = token(), token("susie")
    status, _, body, _ = header_srv.raw(
        f"GET /me HTTP/1.1\r\nHost: x\r\nAuth: {one}\r\nAuth: {two}\r\nConnection: close\r\n\r\n".encode()
    )
    assert status == 400, (status, body)


# --- cookie -------------------------------------------------------------------------------------

COOKIE_RE = re.compile(r"^auth=(?P<token>[^;]+); Path=/; Max-Age=(?P<age>\d+); HttpOnly; Secure; SameSite=Lax$")


@pytest.fixture(scope="module")
def cookie_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_SECRET": KEY,
                                         "FSA_TOKEN_CARRIER": "cookie"})


@pytest.fixture(scope="module")
def renewal_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "basic", "none"], "FSA_TOKEN_SECRET": KEY,
                                         "FSA_TOKEN_CARRIER": "cookie", "FSA_TOKEN_RENEWAL": 0.5})


def set_cookie(response):
    lines = header_lines(response, "Set-Cookie")
    assert len(lines) <= 1, lines
    if not lines:
        return None
    m = COOKIE_RE.match(lines[0])
    assert m, lines[0]
    assert m.group("age") == "3600"
    return secret(m.group("token"))


def test_cookie_login(cookie_srv):
    r = cookie_srv.get("/login", auth=CALVIN)
    assert r.status_code == 200
    cookie = set_cookie(r)
    assert cookie is not None and re.fullmatch(r"auth-test:calvin:\d{14}:[0-9a-f]{32}", cookie)
    assert secret(r.json()) is not None
    # requests never sends a Secure cookie over http: the Cookie header is written by hand
    r = cookie_srv.get("/me", headers={"Cookie": "auth=" + cookie})
    assert (r.status_code, r.text) == (200, "calvin")
    assert set_cookie(r) is None  # no renewal (FSA_TOKEN_RENEWAL = 0)
    assert cookie_srv.get("/admin", headers={"Cookie": "other=1; auth=" + cookie}).text == "calvin"


def test_cookie_refused(cookie_srv):
    r = cookie_srv.get("/me", headers={"Cookie": "auth=" + token(minutes=-1)})
    assert r.status_code == 401
    assert set_cookie(r) is None
    r = cookie_srv.get("/me", headers={"Authorization": "Bearer " + token()})
    assert r.status_code == 401
    assert challenges(r) == ['Basic realm="auth-test", charset="UTF-8"']  # no Bearer: cookie carrier
    r = cookie_srv.get("/admin", auth=SUSIE)
    assert r.status_code == 403
    assert set_cookie(r) is None  # no token on errors


def test_cookie_basic_sets_cookie_on_any_route(cookie_srv):
    r = cookie_srv.get("/me", auth=SUSIE)
    assert r.text == "susie"
    cookie = set_cookie(r)
    assert cookie and cookie.split(":")[1] == "susie"
    assert set_cookie(cookie_srv.get("/open")) is None


def test_cookie_renewal(renewal_srv):
    fresh = token(minutes=59)
    r = renewal_srv.get("/me", headers={"Cookie": "auth=" + fresh})
    assert r.text == "calvin"
    assert set_cookie(r) is None  # 59 minutes left of 60: more than half
    old = token(minutes=10)
    r = renewal_srv.get("/me", headers={"Cookie": "auth=" + old})
    assert r.text == "calvin"
    renewed = set_cookie(r)
    assert renewed is not None and renewed != old
    assert fsa_limit(renewed) > fsa_limit(old)
    assert renewal_srv.get("/me", headers={"Cookie": "auth=" + renewed}).text == "calvin"


def test_cookie_without_renewal_is_not_renewed(cookie_srv):
    r = cookie_srv.get("/me", headers={"Cookie": "auth=" + token(minutes=2)})
    assert r.text == "calvin"
    assert set_cookie(r) is None


# --- param --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def param_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_SECRET": KEY,
                                         "FSA_TOKEN_CARRIER": "param"})


def test_param_carrier(param_srv):
    t = token()
    assert param_srv.get("/me", params={"AUTH": t}).text == "calvin"
    assert param_srv.post("/me", data={"AUTH": t}).text == "calvin"
    assert param_srv.post("/me", json={"AUTH": t}).text == "calvin"
    assert param_srv.get("/open", params={"AUTH": t}).text == "calvin"
    issued = param_srv.token(params={"AUTH": t})  # with another parameter (scope)
    assert param_srv.get("/me", params={"AUTH": issued}).text == "calvin"
    r = param_srv.get("/me", headers={"Authorization": "Bearer " + t})
    assert (r.status_code, r.text) == (401, "missing token")
    assert challenges(r) == []


def test_param_carrier_failures(param_srv):
    r = param_srv.get("/me", params={"AUTH": token(minutes=-1)})
    assert (r.status_code, r.text) == (401, "expired token")
    r = param_srv.get("/me", params={"AUTH": [token(), token("susie")]})
    assert r.status_code == 400
    r = param_srv.get("/me", params={"AUTH": [token(), token()]})
    assert r.status_code == 400
    r = param_srv.post("/me", params={"AUTH": token()}, data={"AUTH": token()})
    assert r.status_code == 400
    r = param_srv.get("/me", params={"AUTH": token(), "other": "1"})
    assert r.status_code == 400  # other parameters are still unexpected


def test_param_carrier_raw(param_srv):
    # the query string is not decoded twice and an empty AUTH is no token
    t = token()
    _, _, body, _ = param_srv.raw(
        f"GET /me?AUTH={t.replace(':', '%3A')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
    )
    assert body == b"calvin"
    r = param_srv.get("/me?AUTH=")
    assert r.status_code == 401


# --- oauth --------------------------------------------------------------------------------------

OAUTH_KEY = secret("oauth JWT secret of the carrier tests 0123456789")


OAUTH_CONFIG = {"FSA_AUTH": ["oauth", "none"], "FSA_TOKEN_TYPE": "jwt", "FSA_TOKEN_ISSUER": "oauth-issuer",
                "FSA_TOKEN_SECRET": OAUTH_KEY}


@pytest.fixture(scope="module")
def oauth_srv(tmp_path_factory):
    # routes without authn try token (the same JWT check as oauth): see test_oauth_with_none_starts
    config = dict(OAUTH_CONFIG, FSA_AUTH=["oauth", "token", "none"], FSA_AUTH_DEFAULT=["token", "none"])
    yield from served(tmp_path_factory, config)


def test_oauth_with_none_starts(tmp_path_factory):
    # upstream checks "oauth alone" on a route's explicit authn only; FSA_AUTH = ["oauth", "none"] is the
    # usual configuration of an OAuth resource server with open routes
    auth = Auth.start(tmp_path_factory, OAUTH_CONFIG)
    assert auth.get("/read", headers=bearer(oauth_jwt("read"))).text == "calvin"
    assert auth.get("/me", headers=bearer(oauth_jwt())).text == "calvin"
    assert auth.get("/open").text == "-"
    assert auth.stop() == 0


def oauth_jwt(scope=None, sub="calvin", iss="oauth-issuer"):
    claims = {"exp": int(time.time()) + 600, "sub": sub, "aud": "auth-test", "iss": iss}
    if scope is not None:
        claims["scope"] = scope
    return secret(jwt.encode(claims, OAUTH_KEY, algorithm="HS256"))


def bearer(t):
    return {"Authorization": "Bearer " + t}


def test_oauth_scopes_from_server_tokens(oauth_srv):
    base = oauth_jwt()
    assert oauth_srv.get("/me", headers=bearer(base)).text == "calvin"
    read = oauth_srv.token(headers=bearer(base), scope="read")
    assert jwt.decode(read, OAUTH_KEY, algorithms=["HS256"], audience="auth-test",
                      issuer="oauth-issuer")["scope"] == "read"
    assert oauth_srv.get("/read", headers=bearer(read)).text == "calvin"
    r = oauth_srv.get("/write", headers=bearer(read))
    assert (r.status_code, r.text) == (403, 'missing permission "write"')
    both = oauth_srv.token(headers=bearer(base), scope="read write")
    assert oauth_srv.get("/write", headers=bearer(both)).text == "calvin"


def test_oauth_scopes_are_whole_words(oauth_srv):
    for scope in ("reader", "Read", "re", "readwrite", "", "read,write"):
        r = oauth_srv.get("/read", headers=bearer(oauth_jwt(scope)))
        assert (r.status_code, r.text) == (403, 'missing permission "read"'), scope
    r = oauth_srv.get("/write", headers=bearer(oauth_jwt("read,write")))
    assert r.status_code == 403
    r = oauth_srv.get("/read", headers=bearer(oauth_jwt()))  # no scope claim at all
    assert r.status_code == 403


def test_oauth_pyjwt_token(oauth_srv):
    assert oauth_srv.get("/read", headers=bearer(oauth_jwt("read"))).text == "calvin"
    assert oauth_srv.get("/write", headers=bearer(oauth_jwt("write read", sub="susie"))).text == "susie"
    assert oauth_srv.get("/write", headers=bearer(oauth_jwt("admin  read   write"))).text == "calvin"


def test_oauth_refused(oauth_srv):
    r = oauth_srv.get("/read", headers=bearer(oauth_jwt("read", iss="other")))
    assert r.status_code == 401
    assert challenges(r) == ['Bearer realm="auth-test", error="invalid_token"']
    r = oauth_srv.get("/read")
    assert (r.status_code, r.text) == (401, "missing token")
    assert challenges(r) == ['Bearer realm="auth-test"']


# --- nothing leaked -----------------------------------------------------------------------------


def test_zz_no_secret_in_responses_or_logs():
    assert find_leaks() == []
