"""REQ-LOG-03 over HTTP: one structured line per authentication or authorization event on the server's
stderr, with when (the line's UTC time), where (client, route), who (user), what (event, status):
failures at info, denials and throttled logins at warning, successes at debug. Never a password, token,
Authorization value or query string (conftest.py checks every log of the session for them)."""

import base64
import re
import time

import pytest
import requests

from conftest import build_path, register_secret, start_server

LINE = re.compile(
    r'^(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) (?P<level>\w+) auth event=(?P<event>[a-z-]+) '
    r'scheme=(?P<scheme>\S+) user=(?P<user>-|"(?:[^"\\]|\\.)*") client=(?P<client>\S+) '
    r'route="(?P<route>[^"]*)" status=(?P<status>\d+) reason="(?P<reason>(?:[^"\\]|\\.)*)"$',
    re.M,
)


def basic(login, password):
    register_secret(password)
    return {"Authorization": "Basic " + base64.b64encode(f"{login}:{password}".encode("utf-8")).decode()}


@pytest.fixture(scope="module")
def server():
    s = start_server([build_path("tests/http/hardening_server")])  # FSA_LOGGING_LEVEL=10: successes too
    yield s
    assert s.stop() == 0


def events(server, event):
    return [m.groupdict() for m in LINE.finditer(server.stderr()) if m.group("event") == event]


def wait_for(server, event, count):
    """The lines of event once there are count of them (the server writes them as it answers)."""
    deadline = time.monotonic() + 5
    while len(found := events(server, event)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_failed_login_is_logged_with_who_and_where(server):
    r = requests.get(server.url + "/me?color=blue-and-green", headers=basic("calvin", "not-hobbes-1"), timeout=10)
    assert r.status_code == 401
    (line,) = wait_for(server, "authn-failed", 1)
    assert line["level"] == "info"
    assert (line["scheme"], line["user"], line["client"]) == ("basic", '"calvin"', "127.0.0.1")
    assert (line["route"], line["status"], line["reason"]) == ("GET /me", "401", "invalid user or password")
    assert abs(time.mktime(time.strptime(line["time"], "%Y-%m-%dT%H:%M:%SZ")) - time.mktime(time.gmtime())) < 600
    assert "blue-and-green" not in server.stderr()  # never the query string


def test_success_is_logged_at_debug(server):
    assert requests.get(server.url + "/me", headers=basic("hobbes", "susie-2"), timeout=10).status_code == 200
    found = [e for e in wait_for(server, "authn-ok", 1) if e["user"] == '"hobbes"']
    assert found and found[0]["level"] == "debug" and found[0]["scheme"] == "basic"
    assert found[0]["route"] == "GET /me" and found[0]["status"] == "200"


def test_group_and_object_denials_are_logged(server):
    assert requests.get(server.url + "/admin", headers=basic("hobbes", "susie-2"), timeout=10).status_code == 403
    assert requests.get(server.url + "/thing/1", headers=basic("hobbes", "susie-2"), timeout=10).status_code == 403
    denied = wait_for(server, "authz-denied", 2)
    assert [(e["route"], e["user"], e["level"], e["status"]) for e in denied] == [
        ("GET /admin", '"hobbes"', "warning", "403"),
        ("GET /thing/<id>", '"hobbes"', "warning", "403"),
    ]
    assert denied[0]["reason"] == r"not in group \"admin\""


def test_throttled_login_is_logged(server):
    for _ in range(3):  # FSA_THROTTLE_OPTS account = 3
        assert requests.get(server.url + "/me", headers=basic("susie", "wrong-pass"), timeout=10).status_code == 401
    assert requests.get(server.url + "/me", headers=basic("susie", "wrong-pass"), timeout=10).status_code == 429
    (line,) = wait_for(server, "login-throttled", 1)
    assert (line["level"], line["user"], line["status"], line["scheme"]) == ("warning", '"susie"', "429", "basic")


def test_user_names_cannot_forge_fields(server):
    # Basic credentials with control characters are refused before any check; quotes reach the log
    forged = 'eve" status=200 reason="ok'
    assert requests.get(server.url + "/me", headers=basic(forged, "whatever-1"), timeout=10).status_code == 401
    line = [e for e in wait_for(server, "authn-failed", 1) if e["user"].startswith('"eve')][0]
    assert line["user"] == r'"eve\" status=200 reason=\"ok"'
    assert (line["status"], line["reason"]) == ("401", "invalid user or password")
