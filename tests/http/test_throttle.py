"""Black-box tests of FSA_THROTTLE (REQ-AUTHN-04) against tests/http/auth_server: failed password logins
throttled per account and per client address with 429 + Retry-After, a right password refused while
throttled, every password scheme (basic, param, password, digest), the window's end, two processes
sharing their counts through redis or memcached, and misconfigurations refused at start-up."""

import socket
import time
import uuid

import pytest
import requests

from auth_helpers import CALVIN, SUSIE, Auth, basic, find_leaks, run_refused, secret
from conftest import parse_responses
from features_helpers import cache_daemon

FAST_HASHES = {"FSA_PASSWORD_SCHEME": "bcrypt", "FSA_PASSWORD_OPTS": {"rounds": 4}}
TOKEN_SECRET = secret("test_throttle.py token secret 0123456789")
WRONG = secret("not-hobbes-1")
DAY = 86400  # the longest window: a window end (midnight UTC) inside a counting test is then unlikely


def start(factory, throttle, auth=("basic", "none"), **config):
    config = {"FSA_AUTH": auth if isinstance(auth, str) else list(auth), "FSA_THROTTLE_OPTS": throttle, "FSA_TOKEN_SECRET": TOKEN_SECRET,
              **FAST_HASHES, **config}
    return Auth.start(factory, config, name="throttle")


def from_address(srv, source, login, password, path="/me"):
    """GET path with Basic credentials from the loopback address `source` (127.0.0.2: another client):
    (status, headers)."""
    request = (f"GET {path} HTTP/1.1\r\nHost: test\r\nAuthorization: {basic(login, password)}\r\n"
               "Connection: close\r\n\r\n").encode()
    with socket.create_connection((srv.server.host, srv.server.port), timeout=10,
                                  source_address=(source, 0)) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status, headers, _ = parse_responses(data)[0]
    return status, headers


def retry_after(response):
    value = response.headers.get("Retry-After")
    assert value is not None and value.isdigit(), response.headers
    return int(value)


def fail_until_throttled(srv, login, limit, path="/me"):
    """Wrong passwords until the 429 (windows may turn meanwhile: at most three windows' worth)."""
    for _ in range(3 * limit + 1):
        r = srv.get(path, auth=(login, WRONG))
        if r.status_code == 429:
            return r
        assert r.status_code == 401, (r.status_code, r.text)
    pytest.fail(f"{login} never throttled")


def test_account_limit_then_right_password_refused_from_any_address(tmp_path_factory):
    srv = start(tmp_path_factory, {"account": 3, "address": 100, "window": DAY}, auth=("token", "basic", "none"))
    token = srv.token(auth=CALVIN)
    for _ in range(3):
        assert srv.get("/me", auth=("calvin", WRONG)).status_code == 401
    r = srv.get("/me", auth=CALVIN)
    assert r.status_code == 429, "a right password while throttled must not be an oracle"
    assert 1 <= retry_after(r) <= DAY
    assert "www-authenticate" not in {k.lower() for k in r.headers}
    status, headers = from_address(srv, "127.0.0.2", *CALVIN)
    assert status == 429, "the account is throttled from any client address"
    assert srv.get("/me", auth=SUSIE).status_code == 200, "other accounts are not"
    assert srv.get("/me", headers={"Authorization": "Bearer " + token}).text == "calvin", "tokens are not"
    assert srv.stop() == 0


def test_right_password_works_again_when_the_window_ends(tmp_path_factory):
    srv = start(tmp_path_factory, {"account": 3, "address": 100, "window": 2})
    wait = retry_after(fail_until_throttled(srv, "calvin", 3))
    assert 1 <= wait <= 2
    time.sleep(wait)  # Retry-After counts whole seconds to the window's end: the next window has begun
    assert srv.get("/me", auth=CALVIN).text == "calvin"
    assert srv.stop() == 0


def test_address_limit_across_accounts(tmp_path_factory):
    srv = start(tmp_path_factory, {"account": 100, "address": 4, "window": DAY})
    for login in ("nobody", "calvin", "susie", "somebody"):  # unknown users count too
        assert srv.get("/me", auth=(login, WRONG)).status_code == 401
    r = srv.get("/me", auth=CALVIN)
    assert r.status_code == 429
    assert 1 <= retry_after(r) <= DAY
    assert from_address(srv, "127.0.0.2", *CALVIN)[0] == 200, "another client address is not throttled"
    assert srv.stop() == 0


@pytest.mark.parametrize("auth", [("param", "none"), "password", ("digest", "none")],
                         ids=["param", "password", "digest"])
def test_every_password_scheme_is_throttled(tmp_path_factory, auth):
    srv = start(tmp_path_factory, {"account": 2, "address": 100, "window": DAY}, auth=auth)
    if auth[0] == "digest":
        login = lambda password: {"auth": requests.auth.HTTPDigestAuth("calvin", password)}  # noqa: E731
    else:
        login = lambda password: {"params": {"USER": "calvin", "PASS": password}}  # noqa: E731
    assert srv.get("/me", **login(CALVIN[1])).status_code == 200
    assert srv.get("/me", **login(WRONG)).status_code == 401
    assert srv.get("/me", **login(WRONG)).status_code == 401
    r = srv.get("/me", **login(CALVIN[1]))
    assert r.status_code == 429
    retry_after(r)
    assert srv.stop() == 0


def test_unknown_and_known_accounts_throttled_alike(tmp_path_factory):
    srv = start(tmp_path_factory, {"account": 2, "address": 100, "window": DAY})
    answers = {}
    for login in ("calvin", "nobody"):
        answers[login] = [srv.get("/me", auth=(login, WRONG)) for _ in range(3)]
    statuses = {login: [r.status_code for r in rs] for login, rs in answers.items()}
    assert statuses == {"calvin": [401, 401, 429], "nobody": [401, 401, 429]}
    assert answers["calvin"][2].text == answers["nobody"][2].text
    assert srv.stop() == 0


@pytest.mark.parametrize("kind", ["redis", "memcached"])
def test_two_processes_share_the_counts(tmp_path_factory, kind):
    for daemon in cache_daemon(kind):
        shared = daemon.cache_config("throttle-" + uuid.uuid4().hex[:8] + ".")
        a = start(tmp_path_factory, {"account": 3, "address": 100, "window": DAY}, **shared)
        b = start(tmp_path_factory, {"account": 3, "address": 100, "window": DAY}, **shared)
        assert a.get("/me", auth=("calvin", WRONG)).status_code == 401
        assert b.get("/me", auth=("calvin", WRONG)).status_code == 401
        assert a.get("/me", auth=CALVIN).status_code == 200, "2 failures of 3 in all"
        assert b.get("/me", auth=("calvin", WRONG)).status_code == 401
        assert a.get("/me", auth=CALVIN).status_code == 429, "A counts B's failures"
        assert b.get("/me", auth=CALVIN).status_code == 429
        assert (a.stop(), b.stop()) == (0, 0)


def test_off(tmp_path_factory):
    srv = start(tmp_path_factory, {"account": 1}, FSA_THROTTLE=False)
    for _ in range(3):
        assert srv.get("/me", auth=("calvin", WRONG)).status_code == 401
    assert srv.get("/me", auth=CALVIN).text == "calvin"
    assert srv.stop() == 0


@pytest.mark.parametrize("throttle", [{"account": -1}, {"windows": 60}, {"window": 0}, {"account": "ten"},
                                      {"account": 0, "address": 0}])
def test_misconfigured_limits_stop_the_start_up(tmp_path, throttle):
    code, out, err = run_refused(tmp_path, {"FSA_AUTH": ["basic", "none"], "FSA_THROTTLE_OPTS": throttle})
    assert code == 2, (code, out, err)
    assert "listening" not in out
    assert "FSA_THROTTLE_OPTS" in err, err


def test_zz_no_secret_in_responses_or_logs():
    assert find_leaks() == []
