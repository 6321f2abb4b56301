"""Black-box tests of the password and proxy authentication schemes of tests/http/auth_server: none,
basic, param, password, fake, httpd, a custom scheme, FSA_AUTH_DEFAULT, startup refusals, logs.
Digest: test_auth_digest.py; tokens: test_auth_tokens.py (fsa, JWT), test_auth_carriers.py (carriers,
oauth); helpers: auth_helpers.py."""

import base64
import re

import pytest

from auth_helpers import (
    API_KEY,
    APP_NAME,
    CALVIN,
    SUSIE,
    Auth,
    basic,
    challenges,
    find_leaks,
    run_refused,
    secret,
)

TOKEN_SECRET = secret("test_auth.py token secret 0123456789")


def served(factory, config, env=None):
    """A module/class fixture body: start, yield, stop cleanly."""
    auth = Auth.start(factory, config, env)
    yield auth
    assert auth.stop() == 0


def same_response(a, b):
    """Raw HTTP responses equal except for the Date header."""
    strip = lambda raw: re.sub(rb"\r\nDate: [^\r]*", b"", raw, flags=re.IGNORECASE)  # noqa: E731
    return strip(a) == strip(b)


def raw_get(path, *headers):
    lines = [f"GET {path} HTTP/1.1", "Host: test", *headers, "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin1")


# --- none, OPEN, AUTH, CLOSE, groups (with basic) -----------------------------------------------


@pytest.fixture(scope="module")
def basic_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["basic", "none"], "FSA_REALM": "Basic Realm"})


def test_open_route_without_user(basic_srv):
    r = basic_srv.get("/open")
    assert (r.status_code, r.text) == (200, "-")


def test_open_route_with_user(basic_srv):
    r = basic_srv.get("/open", auth=CALVIN)
    assert (r.status_code, r.text) == (200, "calvin")


def test_open_route_with_wrong_password_stays_open(basic_srv):
    r = basic_srv.get("/open", auth=("calvin", "wrong"))
    assert (r.status_code, r.text) == (200, "-")


def test_auth_route(basic_srv):
    assert basic_srv.get("/me", auth=CALVIN).text == "calvin"
    assert basic_srv.post("/me", auth=SUSIE).text == "susie"
    r = basic_srv.get("/me")
    assert r.status_code == 401
    assert r.text == "missing authorization header"


def test_closed_route(basic_srv):
    for auth in (None, CALVIN):
        r = basic_srv.get("/closed", auth=auth)
        assert (r.status_code, r.text) == (403, "currently closed route")


def test_group_route(basic_srv):
    assert basic_srv.get("/admin", auth=CALVIN).text == "calvin"
    r = basic_srv.get("/admin", auth=SUSIE)
    assert (r.status_code, r.text) == (403, 'not in group "admin"')
    assert basic_srv.get("/admin").status_code == 401


def test_unknown_route(basic_srv):
    assert basic_srv.get("/nowhere").status_code == 404
    assert basic_srv.get("/nowhere", auth=CALVIN).status_code == 404


# --- basic (RFC 7617) ---------------------------------------------------------------------------

BASIC_CHALLENGE = 'Basic realm="Basic Realm", charset="UTF-8"'


def test_basic_challenge_is_exact(basic_srv):
    for auth in (None, ("calvin", "wrong"), ("nobody", "x")):
        r = basic_srv.get("/me", auth=auth)
        assert r.status_code == 401
        assert challenges(r) == [BASIC_CHALLENGE]


@pytest.mark.parametrize("scheme", ["Basic", "basic", "BASIC", "bAsIc"])
def test_basic_scheme_name_is_case_insensitive(basic_srv, scheme):
    value = scheme + " " + base64.b64encode(b"calvin:hobbes-1").decode()
    r = basic_srv.get("/me", headers={"Authorization": value})
    assert (r.status_code, r.text) == (200, "calvin")


def b64(raw):
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    "value",
    [
        "Basic !!!",
        "Basic " + b64(b"calvin:hobbes-1")[:-1],  # bad padding
        "Basic " + b64(b"calvin:hobbes-1") + "!",  # a character outside the alphabet
        "Basic " + b64(b"calvin:hobbes-1")[:8] + " " + b64(b"calvin:hobbes-1")[8:],
        "Basic " + b64(b"calvinhobbes-1"),  # no colon
        "Basic " + b64(b"calvin\xff:hobbes-1"),  # not UTF-8
        "Basic " + b64(b"calvin:hobbes-1\xc3"),  # truncated UTF-8
        "Basic " + b64(b"\xc0\xafcalvin:hobbes-1"),  # overlong UTF-8
        "Basic " + b64(b"calvin\x00:hobbes-1"),  # control characters
        "Basic " + b64(b"calvin:hobbes-1\n"),
        "Basic " + b64(b"calvin\r\nX-Injected: 1:hobbes-1"),
        "Basic " + b64(b"calvin:hobbes-1\x7f"),
        "Basic " + b64(b":hobbes-1"),  # empty user
        "Basic " + b64(b"calvin:"),  # empty password
        "Basic ",
        "Basic",
        "Bearer " + b64(b"calvin:hobbes-1"),
        "Digest " + b64(b"calvin:hobbes-1"),
        b64(b"calvin:hobbes-1"),
    ],
)
def test_basic_malformed_credentials_are_401(basic_srv, value):
    r = basic_srv.get("/me", headers={"Authorization": value})
    assert r.status_code == 401, (value, r.status_code, r.text)
    assert challenges(r) == [BASIC_CHALLENGE]
    assert "hobbes-1" not in r.text and "calvin" not in r.text


def test_basic_utf8_credentials_are_decoded(basic_srv):
    # an unknown user with non-ASCII characters: an ordinary 401, not a 400 or 500
    r = basic_srv.get("/me", headers={"Authorization": basic("hobbés", "tigre")})
    assert r.status_code == 401
    assert basic_srv.get("/me", headers={"Authorization": basic("calvin", "hobbes-1")}).text == "calvin"


def test_basic_password_with_colon(basic_srv):
    # the first colon splits: user "calvin", password "hobbes-1:x" (wrong)
    r = basic_srv.get("/me", headers={"Authorization": basic("calvin", "hobbes-1:x")})
    assert r.status_code == 401


def test_basic_wrong_password_and_unknown_user_look_the_same(basic_srv):
    wrong = basic_srv.raw(raw_get("/me", "Authorization: " + basic("calvin", "not-hobbes")))
    unknown = basic_srv.raw(raw_get("/me", "Authorization: " + basic("nobody", "not-hobbes")))
    assert wrong[0] == unknown[0] == 401
    assert same_response(wrong[3], unknown[3]), (wrong[3], unknown[3])
    # and the message names neither
    assert b"calvin" not in wrong[2] and b"nobody" not in unknown[2]


def test_two_authorization_headers_are_400(basic_srv):
    status, _, _, _ = basic_srv.raw(
        raw_get("/me", "Authorization: " + basic(*CALVIN), "Authorization: " + basic(*SUSIE))
    )
    assert status == 400
    status, _, _, _ = basic_srv.raw(raw_get("/me", "Authorization: " + basic(*CALVIN), "authorization: Bearer x"))
    assert status == 400


# --- param --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def param_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["param", "none"]})


@pytest.fixture(scope="module")
def param_renamed_srv(tmp_path_factory):
    yield from served(
        tmp_path_factory, {"FSA_AUTH": ["param", "none"], "FSA_PARAM_USER": "login", "FSA_PARAM_PASS": "pw"}
    )


def test_param_query_form_json(param_srv):
    creds = {"USER": "calvin", "PASS": "hobbes-1"}
    assert param_srv.get("/me", params=creds).text == "calvin"
    assert param_srv.post("/me", data=creds).text == "calvin"
    assert param_srv.post("/me", json=creds).text == "calvin"
    assert param_srv.get("/open", params={"USER": "susie", "PASS": "calvin-3"}).text == "susie"


def test_param_failures(param_srv):
    r = param_srv.get("/me")
    assert (r.status_code, r.text) == (401, "missing param login parameter: USER")
    assert challenges(r) == []  # param has no challenge
    r = param_srv.get("/me", params={"USER": "calvin"})
    assert (r.status_code, r.text) == (401, "missing param password parameter: PASS")
    wrong = param_srv.get("/me", params={"USER": "calvin", "PASS": "wrong"})
    unknown = param_srv.get("/me", params={"USER": "nobody", "PASS": "wrong"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text
    r = param_srv.post("/me", json={"USER": "calvin", "PASS": ["hobbes-1"]})
    assert r.status_code in (400, 401), r.text
    r = param_srv.get("/me?USER=calvin&PASS=hobbes-1&PASS=hobbes-1")
    assert r.status_code in (400, 401), r.text


def test_param_renamed(param_renamed_srv):
    assert param_renamed_srv.get("/me", params={"login": "calvin", "pw": "hobbes-1"}).text == "calvin"
    assert param_renamed_srv.post("/me", json={"login": "susie", "pw": "calvin-3"}).text == "susie"
    r = param_renamed_srv.get("/me")
    assert (r.status_code, r.text) == (401, "missing param login parameter: login")
    r = param_renamed_srv.get("/me", params={"USER": "calvin", "PASS": "hobbes-1"})
    assert r.status_code in (400, 401)  # USER and PASS are ordinary (unexpected) parameters now


# --- password = token, none, basic, param -------------------------------------------------------


@pytest.fixture(scope="module")
def password_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": "password", "FSA_TOKEN_SECRET": TOKEN_SECRET})


def test_password_without_credentials(password_srv):
    r = password_srv.get("/me")
    assert (r.status_code, r.text) == (401, "missing param login parameter: USER")
    assert challenges(r) == [f'Bearer realm="{APP_NAME}"', f'Basic realm="{APP_NAME}", charset="UTF-8"']


def test_password_basic_param_and_token(password_srv):
    assert password_srv.get("/me", auth=CALVIN).text == "calvin"
    assert password_srv.get("/me", params={"USER": "susie", "PASS": "calvin-3"}).text == "susie"
    token = password_srv.token(auth=CALVIN)
    assert password_srv.get("/me", headers={"Authorization": "Bearer " + token}).text == "calvin"
    token = password_srv.token(params={"USER": "susie", "PASS": "calvin-3"})
    assert password_srv.get("/me", headers={"Authorization": "Bearer " + token}).text == "susie"
    # (no /login here: auth_server declares it when FSA_AUTH literally lists "basic")


def test_password_wrong(password_srv):
    r = password_srv.get("/me", auth=("calvin", "wrong"))
    assert r.status_code == 401
    assert r.text == "missing param login parameter: USER"  # the last scheme's message


# --- fake ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["fake", "none"]})


def test_fake_from_loopback(fake_srv):
    assert fake_srv.get("/me", params={"LOGIN": "calvin"}).text == "calvin"
    assert fake_srv.post("/me", data={"LOGIN": "hobbes"}).text == "hobbes"
    assert fake_srv.get("/admin", params={"LOGIN": "calvin"}).status_code == 200
    assert fake_srv.get("/admin", params={"LOGIN": "susie"}).status_code == 403
    r = fake_srv.get("/me")
    assert (r.status_code, r.text) == (401, "missing fake login parameter: LOGIN")


# --- httpd --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def httpd_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["httpd", "none"]})


@pytest.fixture(scope="module")
def httpd_header_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["httpd", "none"], "FSA_HTTPD_HEADER": "X-Proxy-User"})


@pytest.fixture(scope="module")
def httpd_untrusted_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["httpd", "none"], "FSA_HTTPD_PROXIES": ["10.9.9.9"]})


def test_httpd_trusted_proxy(httpd_srv):
    assert httpd_srv.get("/me", headers={"X-Remote-User": "calvin"}).text == "calvin"
    assert httpd_srv.get("/open", headers={"x-remote-user": "susie"}).text == "susie"
    r = httpd_srv.get("/me")
    assert r.status_code == 401
    assert challenges(r) == []
    assert httpd_srv.get("/me", headers={"X-Proxy-User": "calvin"}).status_code == 401


def test_httpd_two_user_headers_are_not_trusted(httpd_srv):
    status, _, body, _ = httpd_srv.raw(raw_get("/me", "X-Remote-User: calvin", "X-Remote-User: susie"))
    assert status in (400, 401), body


def test_httpd_renamed_header(httpd_header_srv):
    assert httpd_header_srv.get("/me", headers={"X-Proxy-User": "susie"}).text == "susie"
    assert httpd_header_srv.get("/me", headers={"X-Remote-User": "susie"}).status_code == 401


def test_httpd_untrusted_proxy(httpd_untrusted_srv):
    r = httpd_untrusted_srv.get("/me", headers={"X-Remote-User": "calvin"})
    assert r.status_code == 401
    assert httpd_untrusted_srv.get("/open", headers={"X-Remote-User": "calvin"}).text == "-"


# --- custom scheme ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apikey_srv(tmp_path_factory):
    yield from served(tmp_path_factory, {"FSA_AUTH": ["api-key", "none"]})


def test_custom_scheme(apikey_srv):
    assert apikey_srv.get("/me", headers={"X-Api-Key": API_KEY}).text == "robot"
    r = apikey_srv.get("/me", headers={"X-Api-Key": "let-me-out"})
    assert (r.status_code, r.text) == (401, "bad api key")
    assert r.headers["Oops"] == "bad key"
    r = apikey_srv.get("/me")
    assert (r.status_code, r.text) == (401, "missing authentication")
    assert "Oops" not in r.headers
    assert apikey_srv.get("/open", headers={"X-Api-Key": API_KEY}).text == "robot"


# --- FSA_AUTH_DEFAULT ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_srv(tmp_path_factory):
    yield from served(
        tmp_path_factory,
        {
            "FSA_AUTH": ["token", "basic", "param", "none"],
            "FSA_AUTH_DEFAULT": ["param", "none"],
            "FSA_TOKEN_SECRET": TOKEN_SECRET,
        },
    )


def test_auth_default(default_srv):
    creds = {"USER": "calvin", "PASS": "hobbes-1"}
    assert default_srv.get("/me", params=creds).text == "calvin"
    r = default_srv.get("/me", auth=CALVIN)  # basic is enabled, not a default
    assert (r.status_code, r.text) == (401, "missing param login parameter: USER")
    assert challenges(r) == []  # neither Bearer nor Basic: the route tries param only
    # /login declares basic: it works there, and its token is not accepted by default routes
    r = default_srv.get("/login", auth=CALVIN)
    assert r.status_code == 200
    token = secret(r.json())
    assert default_srv.get("/me", headers={"Authorization": "Bearer " + token}).status_code == 401


# --- FSA_* environment variables ----------------------------------------------------------------


def test_environment_overrides_config_file(tmp_path_factory):
    auth = Auth.start(
        tmp_path_factory,
        {"FSA_AUTH": ["basic", "none"], "FSA_REALM": "From File"},
        env={"FSA_REALM": "From Env", "FSA_AUTH": '["basic", "param", "none"]'},
    )
    r = auth.get("/me")
    assert challenges(r) == ['Basic realm="From Env", charset="UTF-8"']
    assert r.text == "missing param login parameter: USER"
    assert auth.get("/me", params={"USER": "calvin", "PASS": "hobbes-1"}).text == "calvin"
    assert auth.stop() == 0


# --- startup refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config, expected",
    [
        ({"FSA_AUTH": ["kerberos", "none"]}, "kerberos"),
        ({"FSA_AUTH": ["oauth", "none"], "FSA_TOKEN_TYPE": "jwt", "FSA_TOKEN_SECRET": "x" * 40}, "FSA_TOKEN_ISSUER"),
        (
            {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_TYPE": "jwt", "FSA_TOKEN_ALGO": "HS256",
             "FSA_TOKEN_SECRET": "short secret"},
            "FSA_TOKEN_SECRET",
        ),
        ({"FSA_AUTH": ["basic", "none"], "FSA_TOKEN_DELAI": 10}, "FSA_TOKEN_DELAI"),
    ],
    ids=["unknown-scheme", "oauth-without-issuer", "short-hs256-secret", "unknown-directive"],
)
def test_startup_refusal(tmp_path, config, expected):
    code, out, err = run_refused(tmp_path, config)
    assert code == 2, (code, out, err)
    assert "listening" not in out
    assert expected in err, err
    assert "refusing to start" in err


def test_short_hs256_secret_accepted_in_dev(tmp_path_factory):
    auth = Auth.start(
        tmp_path_factory,
        {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_TYPE": "jwt", "FSA_TOKEN_SECRET": secret("short secret"),
         "FSA_MODE": "dev"},
    )
    assert auth.get("/open").status_code == 200
    assert auth.stop() == 0


# --- nothing leaked -----------------------------------------------------------------------------


def test_debug_log_holds_no_credentials(tmp_path_factory):
    # the most verbose mode, credentials in every place a log could copy them from
    auth = Auth.start(
        tmp_path_factory,
        {"FSA_AUTH": "password", "FSA_MODE": "debug4", "FSA_TOKEN_CARRIER": "param", "FSA_TOKEN_SECRET": TOKEN_SECRET},
    )
    token = auth.token(auth=CALVIN)
    assert auth.get("/me", params={"AUTH": token}).text == "calvin"
    assert auth.post("/me", data={"USER": "susie", "PASS": "calvin-3"}).text == "susie"
    assert auth.get("/me", params={"USER": "calvin", "PASS": "hobbes-1-wrong"}).status_code == 401
    assert auth.get("/me", auth=("susie", "calvin-3-wrong")).status_code == 401
    assert auth.get("/me", params={"AUTH": secret(token[:-4] + "0000")}).status_code == 401
    assert auth.get("/admin", params={"AUTH": token}).status_code == 200
    secret("hobbes-1-wrong")
    secret("calvin-3-wrong")
    assert auth.stop() == 0
    assert find_leaks() == []



def test_zz_no_secret_in_responses_or_logs():
    leaks = find_leaks()
    assert leaks == []
