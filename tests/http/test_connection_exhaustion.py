"""REL-04 over HTTP: under `prlimit --nofile=256`, 300 clients connect at once. The server accepts up to its
default connection limit (RLIMIT_NOFILE less a reserve, src/server/connection_limit.cpp) and leaves the
others in the listen backlog: it never meets EMFILE, its own files still open while every slot is taken,
nothing crashes, and every client is served once earlier ones leave."""

import os
import socket
import time

from conftest import build_path, parse_responses, start_server

NOFILE = 256
CLIENTS = 300


def open_descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def wait_until_stable(pid):
    """Until the server's descriptor count stops changing: it has accepted all it will accept."""
    deadline = time.monotonic() + 10
    last, stable_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = open_descriptors(pid)
        if now != last:
            last, stable_since = now, time.monotonic()
        elif time.monotonic() - stable_since > 0.5:
            break
        time.sleep(0.05)
    return last


def read_response(sock):
    data = b""
    while not parse_responses(data):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return parse_responses(data)


def test_300_clients_under_256_descriptors():
    server = start_server(["prlimit", f"--nofile={NOFILE}", build_path("tests/http/hardening_server")],
                          env=dict(os.environ, FSA_LOGGING_LEVEL="20"))
    clients = [socket.create_connection((server.host, server.port), timeout=10) for _ in range(CLIENTS)]
    try:
        descriptors = wait_until_stable(server.proc.pid)
        assert server.proc.poll() is None
        assert descriptors < NOFILE  # accept() stopped at the limit, not at EMFILE
        # every client asks for a file to be opened: those accepted first are answered (the server still has
        # descriptors of its own), then close, which lets the backlog in
        for sock in clients:
            sock.sendall(b"GET /file HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        statuses = []
        for sock in clients:
            responses = read_response(sock)
            statuses.append(responses[0][0] if responses else None)
            sock.close()
        assert statuses == [200] * CLIENTS
    finally:
        for sock in clients:
            sock.close()
    assert server.proc.poll() is None
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"GET /open HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        assert read_response(sock)[0][0] == 200
    log = server.stderr()
    assert "Too many open files" not in log and "resource limit" not in log, log[-2000:]
    assert server.stop() == 0
