"""Slow clients (REL-02, slowloris) against tests/http/echo_server: a client trickling its request head
is cut at the whole-head deadline (--header-timeout; libmicrohttpd's own timeout only counts idle time,
so a byte a second would keep the connection forever) while other clients are served; heads sent in
time, and keep-alive connections idle between requests, are not cut."""

import re
import socket
import subprocess
import time

import pytest
import requests

from conftest import build_path, parse_responses, start_server

DEADLINE = 2  # seconds, for the tests; the default is checked separately
WAIT = 10  # the longest any test waits for a cut: far above the deadline plus the watchdog's tick


def echo_argv(*extra):
    return [build_path("tests/http/echo_server"), *extra]


@pytest.fixture(scope="module")
def echo():
    server = start_server(echo_argv("--header-timeout", str(DEADLINE)))
    yield server
    assert server.stop() == 0


def trickle_until_cut(server, limit, while_waiting=None):
    """Sends a request line, then one header byte every 0.3 s until the server closes the connection or
    `limit` seconds pass; calls while_waiting() once meanwhile. Returns (closed, seconds, bytes received)."""
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET /slow-head HTTP/1.1\r\nHost: test\r\nX-Slow: ")
        start = time.monotonic()
        received = b""
        while time.monotonic() - start < limit:
            try:
                sock.sendall(b"a")
            except (BrokenPipeError, ConnectionResetError):
                return True, time.monotonic() - start, received
            if while_waiting is not None:
                while_waiting()
                while_waiting = None
            sock.settimeout(0.3)
            try:
                chunk = sock.recv(4096)
            except socket.timeout:
                continue
            except ConnectionResetError:
                return True, time.monotonic() - start, received
            if not chunk:
                return True, time.monotonic() - start, received
            received += chunk
        return False, time.monotonic() - start, received


def test_trickled_head_is_cut_while_others_are_served(echo):
    served = []
    closed, seconds, received = trickle_until_cut(
        echo, WAIT, lambda: served.append(requests.get(echo.url + "/normal", timeout=5).status_code))
    assert served == [200], "a normal request on another connection is served meanwhile"
    assert closed, f"still open after {seconds:.1f} s"
    assert seconds >= DEADLINE - 0.5, f"cut after {seconds:.1f} s, before the deadline"
    assert b"/slow-head" not in received, "the trickled request never reached the handler"
    assert requests.get(echo.url + "/after", timeout=5).status_code == 200


def test_slow_head_within_the_deadline_is_served(echo):
    head = b"GET /in-time HTTP/1.1\r\nHost: test\r\nX-A: 1\r\nConnection: close\r\n\r\n"
    with socket.create_connection((echo.host, echo.port), timeout=5) as sock:
        for i in range(0, len(head), 8):  # about half the deadline in all
            sock.sendall(head[i:i + 8])
            time.sleep(DEADLINE / 2 / (len(head) / 8))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status, _, body = parse_responses(data)[0]
    assert status == 200
    assert b"path: /in-time" in body


def test_idle_keep_alive_between_requests_is_not_cut_at_the_head_deadline(echo):
    request = b"GET /again HTTP/1.1\r\nHost: test\r\n\r\n"
    with socket.create_connection((echo.host, echo.port), timeout=5) as sock:
        sock.sendall(request)
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 200"), first
        time.sleep(DEADLINE + 1)  # idle, under the engine's 30 s idle timeout
        sock.sendall(request)
        second = sock.recv(65536)
        assert second.startswith(b"HTTP/1.1 200"), second


def test_the_default_deadline_is_at_most_15_seconds():
    out = subprocess.run(echo_argv("--help"), capture_output=True, text=True, timeout=10).stdout
    match = re.search(r"--header-timeout S .*\(default (\d+)\)", out)
    assert match, out
    default = int(match.group(1))
    assert 0 < default <= 15
    server = start_server(echo_argv())
    closed, seconds, _ = trickle_until_cut(server, default + WAIT)
    assert closed, f"the default server kept a trickling client {seconds:.1f} s"
    assert server.stop() == 0


def test_header_timeout_flag_is_checked():
    proc = subprocess.run(echo_argv("--header-timeout", "ten", "--port", "0"), capture_output=True, text=True,
                          timeout=10)
    assert proc.returncode == 2
    assert "--header-timeout" in proc.stderr
