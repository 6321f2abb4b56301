"""Paths that try to slip past a route's authorization (issue 8 item 1, ATK-PATH-*), HEAD and OPTIONS
on secured routes, and a pipelined flood against bounded memory — all against the acme example.

acme's routes: GET /hello (OPEN), GET /store (group employee), GET/POST /store/<sid>/product (object
permission on the store). hobbes is an employee of store 1 only.
"""

import base64
import os
import socket
import time

import pytest

from conftest import build_path, parse_responses, raw_exchange, register_secret, rss_kib, start_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECRET = "path confusion test secret for the acme example, 0123456789"
HOBBES = "hobbes:susie-2"
register_secret(SECRET)
register_secret("susie-2")


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    env = dict(os.environ)
    env.update({"ACME_SECRET": SECRET, "ACME_CONFIG": os.path.join(ROOT, "examples", "acme", "acme.toml")})
    server = start_server([build_path("examples/acme/acme"), "--threads", "2"], env=env,
                          cwd=str(tmp_path_factory.mktemp("acme")))
    yield server
    assert server.stop() == 0


def exchange(server, method, target, credentials=None):
    """One raw request (the target sent byte for byte, no client-side normalisation): (status, headers, body)."""
    head = f"{method} {target} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
    if credentials:
        head += "Authorization: Basic " + base64.b64encode(credentials.encode()).decode() + "\r\n"
    data, _ = raw_exchange(server.host, server.port, (head + "\r\n").encode("latin1"))
    responses = parse_responses(data)
    assert len(responses) == 1, data[:200]
    return responses[0]


# Each target either matches no route, or matches /store and so needs its authentication: none of
# them may answer 200 without credentials (the store list is not OPEN).
STORE_LOOKALIKES = [
    "/hello/../store", "/hello/%2e%2e/store", "/hello/%2E%2E/store", "/hello%2f..%2fstore", "/hello%2F..%2Fstore",
    "/./store", "/%2e/store", "//store", "/store/", "/store;", "/store;jsessionid=1", "/hello;/../store",
    "/STORE", "/Store", "/store%00", "/store%20", "/store?", "/store#", "/hello/..%2fstore", "/%73tore",
    "/store/.", "/hello\\..\\store", "/hello/%252e%252e/store",
]


@pytest.mark.parametrize("target", STORE_LOOKALIKES)
def test_path_variants_never_bypass_authorization(acme, target):
    status, headers, body = exchange(acme, "GET", target)
    assert status in (400, 401, 404), (target, status, body)
    if status == 401:
        assert "www-authenticate" in headers
    assert b"Main Street" not in body and b"Harbour" not in body


@pytest.mark.parametrize("sid", ["02", "+2", "2%20", "%32", "2;", "2;1", "%2B2", "0x2", "2%2F..%2F1", "2%00", " 2"])
def test_store_id_variants_never_reach_another_store(acme, sid):
    # hobbes may read store 1 only: a spelling of 2 is refused (403) or matches nothing (400/404)
    status, _, body = exchange(acme, "GET", f"/store/{sid}/product", HOBBES)
    assert status in (400, 403, 404), (sid, status, body)


def test_store_one_is_readable_by_hobbes(acme):
    # the positive control of the test above: the same request shape does succeed where allowed
    status, _, body = exchange(acme, "GET", "/store/1/product", HOBBES)
    assert status == 200, body


def test_head_gets_the_route_authorization(acme):
    status, headers, body = exchange(acme, "HEAD", "/store")
    assert status == 401 and "www-authenticate" in headers
    status, _, body = exchange(acme, "HEAD", "/store", HOBBES)
    assert status == 200 and body == b""
    status, _, _ = exchange(acme, "HEAD", "/store/2/product", HOBBES)
    assert status == 403


def test_options_only_lists_methods(acme):
    # without CORS configured, OPTIONS answers the Allow list and never runs the handler: no data
    status, headers, body = exchange(acme, "OPTIONS", "/store/2/product")
    assert status in (200, 204)
    assert set(headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert body == b""


def test_pipelined_flood_keeps_memory_bounded(acme):
    """200 000 pipelined requests written without reading any answer: the server reads no faster than
    it can answer, so its memory does not grow with the flood, and it answers them in order."""
    request = b"GET /hello HTTP/1.1\r\nHost: h\r\n\r\n"
    count = 200_000
    before = rss_kib(acme.proc.pid)
    with socket.create_connection((acme.host, acme.port), timeout=5) as sock:
        sock.setblocking(False)
        payload, sent, deadline = request * count, 0, time.monotonic() + 5
        while sent < len(payload) and time.monotonic() < deadline:
            try:
                sent += sock.send(payload[sent:sent + 65536])
            except BlockingIOError:
                time.sleep(0.01)  # the server stopped reading: back-pressure, as wanted
        during = rss_kib(acme.proc.pid)
        sock.setblocking(True)
        sock.settimeout(5)
        status_line = b"HTTP/1.1 200"
        answered, carry = 0, b""
        whole = sent // len(request)
        while answered < whole:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            window = carry + chunk  # a status line may straddle two reads; carry is too short to hold one
            answered += window.count(status_line)
            carry = window[-(len(status_line) - 1):]
    assert answered == whole, (answered, whole)
    assert during - before < 32 * 1024, f"RSS grew by {during - before} KiB during the flood"
    status, _, body = exchange(acme, "GET", "/hello")
    assert status == 200 and body == b"hello"
