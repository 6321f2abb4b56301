"""Black-box tests of the worker pool (src/server/README.md, "Blocking work"): password checks and
sa::blocking routes run off the I/O threads, a full queue answers 503 + Retry-After at once, an
overload burst never breaks the server, SIGTERM under writes loses nothing that was answered 2xx.

No test measures speed: they compare the order in which answers arrive within one run."""

import base64
import collections
import concurrent.futures
import http.client
import signal
import subprocess
import threading
import time

import pytest

from conftest import build_path, rss_kib, start_server

GOOD = "Basic " + base64.b64encode(b"calvin:hobbes").decode()
BAD = "Basic " + base64.b64encode(b"calvin:wrong").decode()
UNKNOWN = "Basic " + base64.b64encode(b"nobody:hobbes").decode()


def pool_server(*args):
    return start_server([build_path("tests/http/pool_server"), *args])


def exchange(server, method, path, headers=None, body=None, timeout=60):
    """One request on a fresh connection: ("answered", status, headers, body), or (kind, None, None, None)
    when the connection was refused or closed before any byte of an answer. A truncated answer raises."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()  # http.client.IncompleteRead on a truncated body: the test fails
        return ("answered", r.status, {k.lower(): v for k, v in r.getheaders()}, data)
    except ConnectionRefusedError:
        return ("refused", None, None, None)
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
        return ("closed", None, None, None)
    finally:
        conn.close()


class Recorder:
    """Runs requests on threads and records the order in which their answers arrive."""

    def __init__(self, workers):
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        self.lock = threading.Lock()
        self.order = []  # (label, outcome) in arrival order
        self.arrived = threading.Condition(self.lock)

    def fire(self, label, *args, **kwargs):
        def run():
            outcome = exchange(*args, **kwargs)
            with self.lock:
                self.order.append((label, outcome))
                self.arrived.notify_all()
            return outcome

        return self.executor.submit(run)

    def wait_for(self, predicate, timeout=30):
        with self.lock:
            assert self.arrived.wait_for(lambda: predicate(self.order), timeout), self.order

    def close(self):
        self.executor.shutdown(wait=True)


def test_token_and_open_routes_answer_while_password_checks_wait():
    # one I/O thread, one worker, one waiting place: two logins are taken, the rest get 503 at once
    server = pool_server("--threads", "1", "--workers", "1", "--queue", "1", "--hook-delay-ms", "600")
    token = exchange(server, "GET", "/login", {"Authorization": GOOD})[3].decode()
    rec = Recorder(12)
    try:
        for i in range(6):
            rec.fire(f"basic{i}", server, "GET", "/basic", {"Authorization": GOOD})
        # the refusals come first and prove the server has read every login: pool and queue are full
        rec.wait_for(lambda order: sum(o[1] == 503 for _, o in order) >= 4)
        fast = [
            rec.fire("open", server, "GET", "/open"),
            rec.fire("token", server, "GET", "/token", {"Authorization": "Bearer " + token}),
            rec.fire("write", server, "POST", "/write", {"Content-Type": "application/x-www-form-urlencoded"}, "id=x"),
            rec.fire("unknown", server, "GET", "/basic", {"Authorization": UNKNOWN}),
        ]
        for f in fast:
            f.result(timeout=30)
        rec.wait_for(lambda order: len(order) == 10)
    finally:
        rec.close()
    outcomes = dict(rec.order)
    basic = [o for label, o in rec.order if label.startswith("basic")]
    assert all(o[0] == "answered" for _, o in rec.order), rec.order
    assert sorted(o[1] for o in basic) == [200, 200, 503, 503, 503, 503]
    for o in basic:
        if o[1] == 503:
            assert o[2]["retry-after"] == "1"
            assert o[3] == b"server busy, retry later"
        else:
            assert o[3] == b"calvin"
    # the OPEN and token routes are served by the I/O thread: they do not wait behind the logins
    assert outcomes["open"][1:4:2] == (200, b"open")
    assert outcomes["token"][1:4:2] == (200, b"calvin")
    labels = [label for label, _ in rec.order]
    last_login = max(i for i, (label, o) in enumerate(rec.order) if label.startswith("basic") and o[1] == 200)
    assert labels.index("open") < last_login and labels.index("token") < last_login, labels
    # a route declared sa::blocking goes through the pool too: full, so it is refused
    assert outcomes["write"][1] == 503
    # an unknown user takes the path of a known one (and would cost a hash like it): no shortcut
    assert outcomes["unknown"][1] == 503
    assert server.stop() == 0


def test_overload_burst_answers_every_request():
    # 2 workers at 100 ms a login: about 20 logins a second, far below what 200 threads send at once
    server = pool_server("--threads", "2", "--workers", "2", "--queue", "4", "--hook-delay-ms", "100")
    rss_before = rss_kib(server.proc.pid)
    with concurrent.futures.ThreadPoolExecutor(max_workers=200) as ex:
        auth = [GOOD if i % 3 else BAD for i in range(200)]
        results = list(ex.map(lambda a: exchange(server, "GET", "/basic", {"Authorization": a}), auth))
    rss_after = rss_kib(server.proc.pid)
    statuses = [r[1] for r in results]
    counts = collections.Counter((r[0], r[1]) for r in results)
    assert all(r[0] == "answered" for r in results), counts
    assert set(statuses) <= {200, 401, 503}, counts
    assert 503 in statuses and (200 in statuses or 401 in statuses), counts
    assert all(r[2]["retry-after"] == "1" for r in results if r[1] == 503)
    # still serving, and the burst left no large allocation behind
    assert exchange(server, "GET", "/open")[1] == 200
    assert exchange(server, "GET", "/basic", {"Authorization": GOOD})[1] == 200
    assert rss_after < 200 * 1024, (rss_before, rss_after)
    assert server.proc.poll() is None
    assert server.stop() == 0


def test_sigterm_under_writes_loses_no_answered_write(tmp_path):
    store = tmp_path / "store.txt"
    server = pool_server("--workers", "2", "--queue", "1000", "--hook-delay-ms", "5", "--store", str(store))
    rec = Recorder(200)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        futures = [rec.fire(i, server, "POST", "/write", headers, f"id=w{i}") for i in range(200)]
        # the first writes are answered, many more are waiting on the pool: stop now
        rec.wait_for(lambda order: len(order) >= 20)
        with rec.lock:
            server.proc.send_signal(signal.SIGTERM)
            before_signal = len(rec.order)
        results = [f.result(timeout=60) for f in futures]
    finally:
        rec.close()
    assert server.proc.wait(timeout=30) == 0
    answered = [r for r in results if r[0] == "answered"]
    ok = sorted(r[3].decode() for r in answered if r[1] == 201)
    assert all(r[1] in (201, 503) for r in answered), [r[1] for r in answered]
    written = sorted(store.read_text().split())
    # every write answered 2xx is in the store, and nothing was written without its answer
    assert ok == written
    assert len(ok) > before_signal  # the writes in flight when SIGTERM came were finished, not dropped


@pytest.mark.parametrize(
    "flag, value, message",
    [
        ("--workers", "0", "--workers must be at least 1"),
        ("--queue", "0", "--queue must be at least 1"),
        ("--workers", "many", "--workers expects a number"),
        ("--queue", "-1", "--queue expects a number"),
    ],
)
def test_pool_flags_are_checked(flag, value, message):
    proc = subprocess.run(
        [build_path("tests/http/pool_server"), flag, value, "--port", "0"], capture_output=True, text=True, timeout=20
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert message in proc.stderr


def test_second_signal_answers_queued_requests_503_and_never_aborts():
    # one login runs for 3 s, two wait: a second SIGTERM ("now") must not wait for them
    server = pool_server("--workers", "1", "--queue", "2", "--hook-delay-ms", "3000")
    rec = Recorder(4)
    try:
        futures = [rec.fire(i, server, "GET", "/basic", {"Authorization": GOOD}) for i in range(4)]
        rec.wait_for(lambda order: any(o[1] == 503 for _, o in order))  # pool and queue are full
        server.proc.send_signal(signal.SIGTERM)
        time.sleep(0.1)
        server.proc.send_signal(signal.SIGTERM)
        results = [f.result(timeout=60) for f in futures]
    finally:
        rec.close()
    # the queued logins are answered 503 without running; the running one cannot be answered (its
    # worker is still in the hook), so the server leaves it and exits 1 instead of aborting in the
    # engine, whose stop refuses a suspended connection
    assert server.proc.wait(timeout=30) == 1
    assert sorted((r[0], r[1] or 0) for r in results) == [("answered", 503)] * 3 + [("closed", 0)]
    assert "a worker is still running at shutdown" in server.stderr()
