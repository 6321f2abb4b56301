"""REQ-AUTHZ-03 over HTTP: a hook that throws is a 500 (FSA_SERVER_ERROR), never a pass. The handler is
not called (GET /calls counts its calls) and the answer says nothing of the exception, which only the
server's log names. tests/http/hardening_server.cpp says which request makes which hook throw."""

import base64
import os

import pytest
import requests

from conftest import build_path, register_secret, start_server

LEAK = "SECRET-HOOK-DETAIL"

# (hook, path, login, extra headers)
CASES = [
    ("group_check", "/admin", "boom-group", {}),
    ("user_in_group", "/staff", "boom-member", {}),
    ("object_perms", "/thing/666", "calvin", {}),
    ("get_user_pass", "/me", "boom-pass", {}),
    ("custom scheme", "/me", "calvin", {"X-Key": "boom"}),
    ("before_request", "/me", "calvin", {"X-Boom": "request"}),
    ("before_exec", "/me", "calvin", {"X-Boom": "exec"}),
]
PASSWORDS = {"calvin": "hobbes-1", "boom-group": "boom-1", "boom-member": "boom-1", "boom-pass": "boom-1"}


def basic(login):
    password = register_secret(PASSWORDS[login])
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()


def start(server_error=None):
    env = dict(os.environ)
    if server_error is not None:
        env["FSA_SERVER_ERROR"] = str(server_error)
    return start_server([build_path("tests/http/hardening_server")], env=env)


@pytest.fixture(scope="module")
def server():
    s = start()
    yield s
    assert s.stop() == 0


def calls(server):
    return int(requests.get(server.url + "/calls", timeout=5).text)


def check_fail_closed(server, hook, path, login, headers, status):
    before = calls(server)
    r = requests.get(server.url + path, headers={"Authorization": basic(login), **headers}, timeout=10)
    assert r.status_code == status, (hook, r.text)
    assert LEAK not in r.text and all(LEAK not in v for v in r.headers.values()), hook
    assert calls(server) == before, f"{hook}: the handler ran"


def test_the_routes_work_when_no_hook_throws(server):
    auth = {"Authorization": basic("calvin")}
    for path in ("/me", "/admin", "/staff", "/thing/1"):
        assert requests.get(server.url + path, headers=auth, timeout=10).status_code == 200, path


@pytest.mark.parametrize("hook,path,login,headers", CASES, ids=[c[0] for c in CASES])
def test_throwing_hook_is_500_and_handler_not_called(server, hook, path, login, headers):
    check_fail_closed(server, hook, path, login, headers, 500)


def test_throwing_hooks_are_logged_not_answered(server):
    log = server.stderr()
    for hook in ("group check admin failed", "object permission check thing failed", "authentication scheme key"):
        assert hook in log


def test_status_is_fsa_server_error():
    server = start(server_error=503)
    try:
        for hook, path, login, headers in CASES:
            check_fail_closed(server, hook, path, login, headers, 503)
    finally:
        assert server.stop() == 0
