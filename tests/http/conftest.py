"""Shared fixtures of the black-box HTTP tests: start a server binary, talk to it over raw sockets.

Every server started through `start_server` is registered and stopped when its test (or module,
for module-scoped fixtures) ends, even if the test never calls `stop()`.

Secrets never in logs (REQ-LOG, REQ-AUTHN-09): every server runs with FSA_LOGGING_LEVEL=10 (the most
verbose level; servers that read FSA_* variables honour it) unless the test sets it, and its stderr and
stdout are kept in one directory per session. Passwords and tokens registered with `register_secret`,
and the Authorization values and query strings of every request sent with `requests`, are looked for in
all of them when the session ends: a hit fails the session, and the directory is kept for inspection.
"""

import os
import select
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse

import pytest
import requests

LISTENING_PREFIX = "listening on http://"
LISTENING_PREFIX_TLS = "listening on https://"
_running = []  # servers started and not yet stopped, stopped at session end as a last resort
_stderr_files = []  # removed at session end
_servers = []  # every server started, for the log check
SECRETS = set()  # values no server log may contain
_SHORTEST_SECRET = 6  # shorter values (a query "x=1") could appear in a log by chance
_log_dir = None


def register_secret(value):
    """Registers a value that no server log (stderr or stdout) may contain; returns it."""
    if isinstance(value, bytes):
        value = value.decode("latin1")
    if value and len(value) >= _SHORTEST_SECRET:
        SECRETS.add(value)
    return value


def _session_log_dir():
    global _log_dir
    if _log_dir is None:
        _log_dir = tempfile.mkdtemp(prefix="simpleauth-http-logs-")
    return _log_dir


_requests_send = requests.Session.send


def _recording_send(session, request, **kwargs):
    """Every request sent with requests: its credentials and query string are secrets."""
    register_secret(request.headers.get("Authorization"))
    register_secret(urllib.parse.urlsplit(request.url).query)
    return _requests_send(session, request, **kwargs)


requests.Session.send = _recording_send


def find_log_leaks():
    """'server log FILE contains VALUE' for every registered secret found in a server's output so far."""
    leaks = []
    for server in _servers:
        text = server.stderr() + "".join(server.extra_stdout)
        leaks += [f"server log {server.stderr_path} contains {s!r}" for s in sorted(SECRETS) if s in text]
    return leaks


def build_path(relative):
    """Absolute path of a built file under $SIMPLEAUTH_BUILD_DIR (set by ctest)."""
    build_dir = os.environ.get("SIMPLEAUTH_BUILD_DIR")
    if not build_dir:
        pytest.fail("SIMPLEAUTH_BUILD_DIR is not set (run the tests through ctest)")
    path = os.path.join(build_dir, relative)
    if not os.path.exists(path):
        pytest.fail(f"{path} is not built")
    return path


class Server:
    """A running server process. `stop()` sends a signal and returns the exit code."""

    def __init__(self, proc, host, port, stderr_path, scheme="http"):
        self.proc = proc
        self.host = host
        self.port = port
        self.url = f"{scheme}://{host}:{port}"
        self.stderr_path = stderr_path
        self.extra_stdout = []  # stdout lines after the listening line (there must be none)

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                pytest.fail(f"server did not stop within {timeout} s after signal {sig}")
        if self in _running:
            _running.remove(self)
        rest = self.proc.stdout.read() if self.proc.stdout else ""
        if rest:
            self.extra_stdout.append(rest)
        return self.proc.returncode

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()


def start_server(argv, env=None, cwd=None, timeout=20):
    """Starts argv + --host 127.0.0.1 --port 0 and waits for its `listening on http[s]://HOST:PORT` line."""
    err = tempfile.NamedTemporaryFile(prefix="server-stderr-", suffix=".log", delete=False, dir=_session_log_dir())
    env = dict(os.environ if env is None else env)
    env.setdefault("FSA_LOGGING_LEVEL", "10")
    proc = subprocess.Popen(
        list(argv) + ["--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=err,
        env=env,
        cwd=cwd,
        text=True,
    )
    err.close()
    _stderr_files.append(err.name)
    deadline = time.monotonic() + timeout
    line = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            line = proc.stdout.readline()
            break
        if proc.poll() is not None:
            break
    prefix = next((p for p in (LISTENING_PREFIX, LISTENING_PREFIX_TLS) if line.startswith(p)), None)
    if prefix is None:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        with open(err.name, encoding="utf-8", errors="replace") as f:
            pytest.fail(f"server did not start: stdout {line!r}, exit {proc.returncode}, stderr:\n{f.read()}")
    hostport = line.strip()[len(prefix):]
    host, port = hostport.rsplit(":", 1)
    server = Server(proc, host, int(port), err.name, "https" if prefix == LISTENING_PREFIX_TLS else "http")
    _running.append(server)
    _servers.append(server)
    return server


@pytest.fixture(autouse=True)
def _stop_leftover_servers():
    """Finalizer: a server a test started and did not stop is stopped (and killed if need be)."""
    before = list(_running)
    yield
    for server in [s for s in _running if s not in before]:
        _kill(server)


@pytest.fixture(scope="session", autouse=True)
def _stop_all_servers():
    """Stops what is left, then the log check over every server of the session: a leak fails the
    session (an error in this teardown) and keeps the logs; otherwise they are removed."""
    yield
    for server in list(_running):
        _kill(server)
    leaks = find_log_leaks()
    if leaks:
        pytest.fail("secrets found in server logs (kept in " + str(_log_dir) + "):\n" + "\n".join(leaks))
    for path in _stderr_files:
        try:
            os.unlink(path)
        except OSError:
            pass
    if _log_dir is not None:
        try:
            os.rmdir(_log_dir)
        except OSError:
            pass


def _kill(server):
    try:
        server.stop(timeout=5)
    except BaseException:  # pytest.fail inside a finalizer: the process is killed by then
        pass
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        if server in _running:
            _running.remove(server)


def rss_kib(pid):
    """The resident memory of a process, in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS line")


def raw_request(host, port, data, timeout=5):
    """Sends raw bytes and reads until the server closes the connection or `timeout` passes."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(data)
        return _read_until_close(sock, timeout)[0]


def _read_until_close(sock, timeout):
    """(bytes read, True if the peer closed) within timeout seconds."""
    deadline = time.monotonic() + timeout
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), False
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return b"".join(chunks), False
        except ConnectionResetError:
            return b"".join(chunks), True
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def raw_exchange(host, port, data, timeout=5):
    """Like raw_request, also telling whether the server closed the connection: (bytes, closed)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything
        return _read_until_close(sock, timeout)


def parse_responses(data):
    """Splits raw bytes into [(status, headers dict lower-cased, body)], using Content-Length."""
    responses = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = head.decode("latin1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), value.strip())
        length = int(headers.get("content-length", "0"))
        responses.append((status, headers, rest[:length]))
        data = rest[length:]
    return responses


