"""Black-box tests of app T (upstream's test/App.py, "Test", with blueprint /b1), from test-apps-spec.md
§1, §2, §5 and §6. Differences from upstream are listed in README.md;"""

import datetime
import hashlib

import pytest
import requests

from conftest import build_path, start_server

SECRET = "FSA acceptance secret 0123456789"
HTML = "text/html; charset=utf-8"


def fsa_token(user, limit="20991231235959", realm="Test", secret=SECRET):
    sig = hashlib.blake2s(f"{realm}:{user}:{limit}:{secret}".encode()).hexdigest()[:32]
    return f"{realm}:{user}:{limit}:{sig}"


def test_token_computation_matches_spec():
    assert fsa_token("calvin") == "Test:calvin:20991231235959:462a38d88a8790853091eb6cbbd3a825"
    assert fsa_token("dad") == "Test:dad:20991231235959:dcfc17a967c5f129ab7ae6856debd507"


@pytest.fixture(scope="module")
def url():
    server = start_server([build_path("tests/conformance/app_t")])
    yield server.url
    server.stop()


def get(url, path, method="GET", **kw):
    return requests.request(method, url + path, timeout=5, **kw)


def bearer(user):
    return {"Authorization": "Bearer " + fsa_token(user)}


# --- OPEN routes: path, expected body ---
OPEN_OK = [
    ("/any", "no-auth"),
    ("/something", "App"),
    ("/add/2?a=1.5&b=2", "7.0"),
    ("/add/1?a=0.1&b=0.2", "0.30000000000000004"),
    ("/mul/2?j=3&k=4", "24"),
    ("/div", "0"),
    ("/div?i=7", "0"),
    ("/div?i=7&j=2", "3"),
    ("/div?i=-7&j=2", "-4"),
    ("/sub?i=5", "5"),
    ("/sub?i=5&j=7", "-2"),
    ("/type", ""),
    ("/type?f=1", "float 1.0"),
    ("/type?i=2&b=0", "int 2"),
    ("/type?b=0", "bool False"),
    ("/type?b=yes", "bool True"),
    ("/type?s=hi", "str hi"),
    ("/type?i=1_000", "int 1000"),
    ("/type?f=nan", "float nan"),
    ("/type?f=1e16", "float 1e+16"),
    ("/type?f=0.00001", "float 1e-05"),
    ("/params?z=1&a=2&m", "a m z"),
    ("/params?AUTH=1&LOGIN=calvin&USER=x&PASS=y&b=2", "AUTH b"),
    ("/one/5?msg=hi", "5: hi !"),
    ("/one/5?msg=hi&punct=?", "5: hi ?"),
    ("/infer/1.5", "1.5 4"),
    ("/infer/1.0?i=3&s=abc", "1.0 9"),
    ("/infer/10000000000000000.0", "1e+16 4"),
    ("/superid/12345678-1234-1234-1234-1234567890AB", "uid = 12345678-1234-1234-1234-1234567890ab/None"),
    ("/superid/12345678-1234-1234-1234-1234567890ab?u=%7B00000000000000000000000000000001%7D",
     "uid = 12345678-1234-1234-1234-1234567890ab/00000000-0000-0000-0000-000000000001"),
    ("/cplx?c1=1j", "(1+2j)"),
    ("/cplx?c1=2&c2=3", "(5+0j)"),
    ("/cplx?c1=1.5-2j", "(2.5-1j)"),
    ("/cplx?c1=-1-1j", "0j"),
    ("/cplx/2", "(2+1j)"),
    ("/cplx/1%2B1j", "(1+2j)"),
    ("/cplx/(1%2B2j)", "(1+3j)"),
    ("/cplx/1j", "2j"),
    ("/cplx/-1", "(-1+1j)"),
    ("/bool/0", "False"),
    ("/bool/FALSE", "False"),
    ("/bool/f", "False"),
    ("/bool/1", "True"),
    ("/bool/no", "True"),
    ("/mail/a@b", "a@b calvin@comics.net"),
    ("/mail/a@b?ad2=c@d", "a@b c@d"),
    ("/myint/12", "my_int: 12"),
    ("/myint/%20-1_0%20", "my_int: -10"),
    ("/path/a/b/c", "a/b/c"),
    ("/string/abc", "abc"),
    ("/required/true?s1=a&s2=b", "a b"),
    ("/required/false", "hello world"),
    ("/required/false?s2=x", "hello x"),
    ("/f2/get", "get ok"),
    ("/_/x?int=3&_=abcd", "x/3/4/True"),
    ("/_/x?int=3&_=abcd&pass=0", "x/3/4/False"),
    ("/json?j=null", "NoneType: null"),
    ("/json?j=true", "bool: true"),
    ("/json?j=3", "int: 3"),
    ("/json?j=1.0", "float: 1.0"),
    ("/json?j=1e20", "float: 1e+20"),
    ('/json?j="x"', 'str: "x"'),
    ("/json?j=[1,%20%22%C3%A9%22]", 'list: [1, "\\u00e9"]'),
    ('/json?j={"b":1,"a":[true,null,1.5,"x"]}', 'dict: {"b": 1, "a": [true, null, 1.5, "x"]}'),
    ("/special", "foo-bla"),
    ("/shadow/x", "Test: x Yukon"),
    ("/shadow/x?blup=y", "Test: x y"),
]


@pytest.mark.parametrize("path,body", OPEN_OK)
def test_open_routes(url, path, body):
    r = get(url, path)
    assert r.status_code == 200, r.text
    assert r.text == body
    assert r.headers["Content-Type"] == HTML
    assert "FSA-Request" in r.headers and "FSA-User" in r.headers and "FSA-Delay" in r.headers  # debug2


def test_other_methods(url):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = get(url, "/f2/" + method.lower(), method=method)
        assert r.status_code == 200 and r.text == method.lower() + " ok"
    r = get(url, "/f2/get", method="POST")
    assert r.status_code == 405


@pytest.mark.parametrize("path", ["/nogo", "/mis1", "/mis1?i=x", "/mis2", "/empty", "/two", "/403", "/b1/blue"])
def test_closed(url, path):
    r = get(url, path, params={"LOGIN": "dad"})
    assert r.status_code == 403
    assert r.text == "currently closed route"


@pytest.mark.parametrize("path", ["/add/x?a=1&b=2", "/add/-1?a=1&b=2", "/infer/1", "/infer/.5", "/string/a/b",
                                  "/superid/bad", "/bool/", "/nowhere"])
def test_routing_misses(url, path):
    assert get(url, path).status_code == 404


# --- parameter errors: path, expected status, fragments of the body ---
BAD_PARAMS = [
    ("/add/2?a=1", ['parameter "b" is missing']),
    ("/mul/2?j=x&k=1", ['parameter "j" cast error on x']),
    ("/sub", ['parameter "i" is missing']),
    ("/type?f=x&i=y&b=1&s=z", ['parameter "f" cast error on x', 'parameter "i" cast error on y']),
    ("/one/5", ['parameter "msg" is missing']),
    ("/superid/12345678-1234-1234-1234-1234567890ab?u=bad", ['parameter "u" cast error on bad']),
    ("/cplx?c1=x", ['parameter "c1" cast error on x: complex() arg is a malformed string']),
    ("/mail/a@b?ad2=cd", ["parameter \"ad2\" cast error on cd: email address must contain a '@'"]),
    ("/required/true?s1=a", ['parameter "s2" is missing']),
    ("/_/x?_int=3&_=abcd", ['parameter "int" is missing', '"_int"']),
    ("/json?j={", ['parameter "j"']),
    ("/any?x=1", ['"x"']),
    ("/something?x=1", ['"x"']),
]


@pytest.mark.parametrize("path,fragments", BAD_PARAMS)
def test_bad_params(url, path, fragments):
    r = get(url, path)
    assert r.status_code == 400
    for f in fragments:
        assert f in r.text


@pytest.mark.parametrize(
    "path,message",
    [("/cplx/x", 'parameter "c" cast error on x: complex() arg is a malformed string'),
     ("/mail/ab", "parameter \"ad1\" cast error on ab: email address must contain a '@'"),
     ("/myint/x", "parameter \"i\" cast error on x: invalid literal for int() with base 10: 'x'"),
     ("/myint/0x10", "parameter \"i\" cast error on 0x10: invalid literal for int() with base 10: '0x10'")],
)
def test_path_cast_errors(url, path, message):
    r = get(url, path)
    assert r.status_code == 400
    assert r.text == message


def test_server_errors(url):
    assert get(url, "/div?i=1&j=0").status_code == 500
    r = get(url, "/oops")
    assert r.status_code == 518 and r.text == "Ooops!"


def test_early_return(url):
    for status in (201, 418, 400):
        for method in ("GET", "POST"):
            r = get(url, f"/early-return/{status}", method=method)
            assert r.status_code == status and r.text == "early return"
    assert get(url, "/early-return/204").status_code == 204
    r = get(url, "/early-return/x")
    assert r.status_code == 500 and r.text.startswith("The server encountered an internal error")
    assert get(url, "/early-return/200/more").status_code == 500


def test_request_url(url):
    assert get(url, "/request").text == url + "/request"
    assert get(url, "/request?a=1").status_code == 400  # a is unexpected, as upstream


def test_cookies(url):
    r = get(url, "/cookie/foo", cookies={"foo": "1"})
    assert r.text == "cookie foo: 1, bla: None, bar: foobla"
    r = get(url, "/cookie/foo", cookies={"foo": "1", "bla": "2", "bar": "3"})
    assert r.text == "cookie foo: 1, bla: 2, bar: 3"
    assert get(url, "/cookie/foo").status_code == 400  # upstream 500: SimpleAuth's deliberate 400


def test_headers(url):
    r = get(url, "/headers", headers={"User-Agent": "ua", "hello": "world"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json"
    assert r.text == '{"Hello":"world","User-Agent":"ua"}\n'
    assert get(url, "/headers", headers={"User-Agent": "ua"}).status_code == 400  # upstream 500


# --- authentication ---
def test_unauthenticated_all_schemes(url):
    r = get(url, "/login")
    assert r.status_code == 401
    assert r.text == "missing param login parameter: USER"
    challenges = r.raw.headers.getlist("WWW-Authenticate")
    assert any(c.startswith('Basic realm="Test"') for c in challenges)
    assert 'Bearer realm="Test"' in challenges
    assert get(url, "/login", auth=("calvin", "bad")).status_code == 401


def test_login_token_works(url):
    for creds in ({"auth": ("calvin", "hobbes")}, {"params": {"LOGIN": "calvin"}},
                  {"params": {"USER": "calvin", "PASS": "hobbes"}}, {"headers": bearer("calvin")}):
        r = get(url, "/login", **creds)
        assert r.status_code == 200 and r.headers["Content-Type"] == "application/json"
        token = r.json()
        assert token.startswith("Test:calvin:") and len(token.split(":")[3]) == 32
        assert get(url, "/auth/token", headers={"Authorization": "Bearer " + token}).text == "token auth: calvin"


@pytest.mark.parametrize(
    "path,group_ok,group_ko",
    [("/admin", "dad", "calvin"), ("/write", "calvin", "hobbes"), ("/read", "hobbes", "dad")],
)
def test_groups(url, path, group_ok, group_ko):
    body = path[1:] + "-only"
    assert get(url, path, params={"LOGIN": group_ok}).text == body
    assert get(url, path, headers=bearer(group_ok)).text == body
    r = get(url, path, params={"LOGIN": group_ko})
    assert r.status_code == 403
    assert r.text == 'not in group "%d"' % {"/admin": 0, "/write": 1, "/read": 2}[path]


def test_auth_per_scheme(url):
    assert get(url, "/auth/token", headers=bearer("calvin")).text == "token auth: calvin"
    r = get(url, "/auth/token", auth=("calvin", "hobbes"))
    assert r.status_code == 401 and r.text == "missing token"
    assert r.headers["WWW-Authenticate"].startswith('Bearer realm="Test"')
    assert get(url, "/auth/basic", auth=("calvin", "hobbes")).text == "basic auth: calvin"
    r = get(url, "/auth/basic")
    assert r.status_code == 401 and r.text == "missing authorization header"
    assert get(url, "/auth/basic", headers=bearer("calvin")).status_code == 401
    assert r.headers["WWW-Authenticate"].startswith('Basic realm="Test"')
    assert get(url, "/auth/param?USER=hobbes&PASS=susie").text == "param auth: hobbes"
    r = get(url, "/auth/param", auth=("calvin", "hobbes"))
    assert r.status_code == 401 and "WWW-Authenticate" not in r.headers
    assert get(url, "/auth/fake?LOGIN=dad").text == "fake auth: dad"
    r = get(url, "/auth/fake", auth=("calvin", "hobbes"))
    assert r.status_code == 401 and r.text == "missing fake login parameter: LOGIN"
    assert "WWW-Authenticate" not in r.headers
    assert get(url, "/auth/password", auth=("calvin", "hobbes")).text == "password auth: calvin"
    assert get(url, "/auth/password?USER=calvin&PASS=hobbes").text == "password auth: calvin"
    r = get(url, "/auth/password?LOGIN=calvin")
    assert r.status_code == 401 and r.text == "missing param login parameter: USER"
    assert r.headers["WWW-Authenticate"].startswith('Basic realm="Test"')
    for creds in ({"params": {"LOGIN": "calvin"}}, {"headers": bearer("calvin")},
                  {"params": {"USER": "calvin", "PASS": "hobbes"}}):
        assert get(url, "/auth/ftp", **creds).text == "ftp auth: calvin"
    r = get(url, "/auth/ftp", auth=("calvin", "hobbes"))
    assert r.status_code == 401 and r.text == "missing param login parameter: USER"
    assert r.raw.headers.getlist("WWW-Authenticate") == ['Bearer realm="Test"']


def test_perm_routes(url):
    assert get(url, "/perm/basic", auth=("calvin", "hobbes")).text == "basic"
    assert get(url, "/perm/token", headers=bearer("calvin")).text == "token"
    for path in ("/perm/token-basic", "/perm/basic-token"):
        assert get(url, path, auth=("calvin", "hobbes")).text == path[6:]
        assert get(url, path, headers=bearer("calvin")).text == path[6:]
        r = get(url, path)
        assert r.status_code == 401
        assert len(r.raw.headers.getlist("WWW-Authenticate")) == 2
    assert get(url, "/perm/token-basic").text == "missing authorization header"
    assert get(url, "/perm/basic-token").text == "missing token"


def test_fun_permission(url):
    assert get(url, "/perm/fun/2/2?LOGIN=hobbes").text == "hobbes i==j"
    r = get(url, "/perm/fun/1/2?LOGIN=hobbes")
    assert r.status_code == 403 and r.text.startswith("permission denied on fun")
    r = get(url, "/perm/fun/1/1")
    assert r.status_code == 401 and r.text == "missing fake login parameter: LOGIN"


def test_users_permission(url):
    assert get(url, "/my/calvin?LOGIN=calvin").text == "login is calvin for calvin"
    assert get(url, "/my/hobbes?LOGIN=dad").text == "login is hobbes for dad"
    r = get(url, "/my/hobbes?LOGIN=calvin")
    assert r.status_code == 403 and r.text.startswith("permission denied on users")
    r = get(url, "/my/nobody?LOGIN=dad")
    assert r.status_code == 404 and r.text == "object not found"


def test_when(url):
    today = datetime.date.today()
    r = get(url, f"/when?d={today.isoformat()}&LOGIN=calvin")
    assert r.status_code == 200 and r.text == "in 0:00:00 23:34:45"
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert get(url, f"/when?d={tomorrow}&t=12:00&LOGIN=calvin").text == "in 1 day, 0:00:00 12:00:00"
    assert get(url, "/when?d=2000-01-01&LOGIN=calvin").text == f"in {datetime.date(2000, 1, 1) - today} 23:34:45"
    r = get(url, "/when?d=x&t=25:00&LOGIN=calvin")
    assert r.status_code == 400
    assert 'parameter "d" cast error on x' in r.text and 'parameter "t" cast error on 25:00' in r.text
    assert get(url, "/when?d=2000-01-01").status_code == 401


def test_blueprint(url):
    assert get(url, "/b1/words/hi?n=3&LOGIN=calvin").text == "hi_hi_hi"
    assert get(url, "/b1/words/hi?n=-1", headers=bearer("calvin")).text == ""
    assert get(url, "/b1/something", auth=("hobbes", "susie")).text == "App"
    assert get(url, "/b1/something").status_code == 401


def test_fsa_user_header(url):
    assert get(url, "/auth/fake?LOGIN=calvin").headers["FSA-User"].startswith("calvin")


# --- the handlers that change the users (a fresh server: they change its tables) ---
def test_user_management():
    server = start_server([build_path("tests/conformance/app_t")])
    u = server.url
    try:
        assert get(u, "/user/hobbes?oldpass=susie&newpass=x", "PATCH", params={"LOGIN": "dad"}).text == \
            'not in group "2"'
        r = get(u, "/user/hobbes?oldpass=susie&newpass=x", "PATCH", params={"LOGIN": "calvin"})
        assert r.status_code == 403 and r.text == "self care only"
        r = get(u, "/user/hobbes?oldpass=bad&newpass=x", "PUT", params={"LOGIN": "hobbes"})
        assert r.status_code == 422 and r.text == "bad old password"
        r = get(u, "/user/hobbes?newpass=x", "PUT", params={"LOGIN": "hobbes"})
        assert r.status_code == 400 and 'parameter "oldpass" is missing' in r.text
        r = get(u, "/user/hobbes?oldpass=susie&newpass=calvin", "PUT", params={"LOGIN": "hobbes"})
        assert r.status_code == 204 and r.text == ""
        r = get(u, "/user/hobbes?oldpass=calvin&newpass=susie2", "PATCH", params={"LOGIN": "hobbes"})
        assert r.status_code == 204  # step 2 compares with the new in-memory hash
        # register, use, delete
        r = get(u, "/register?user=moe&upass=m", "POST")
        assert r.status_code == 201 and r.text == ""
        r = get(u, "/register?user=calvin&upass=m", "POST")
        assert r.status_code == 403 and r.text == "cannot register existing user"
        assert get(u, "/read", auth=("moe", "m")).text == "read-only"
        r = get(u, "/user/moe?LOGIN=calvin", "DELETE")
        assert r.status_code == 403 and r.text == "self care or admin only"
        assert get(u, "/user/moe?LOGIN=moe", "DELETE").status_code == 204
        assert get(u, "/user/moe?LOGIN=dad", "DELETE").status_code == 500  # already gone
        assert get(u, "/user/nobody?LOGIN=dad", "DELETE").status_code == 500
        r = get(u, "/register?user=susie&upass=s", "POST")
        assert r.status_code == 201
        assert get(u, "/user/susie?LOGIN=dad", "DELETE").status_code == 204  # admin
        assert get(u, "/user/dad?LOGIN=dad", "DELETE").status_code == 500  # dad is not in READ
    finally:
        server.stop()
