"""Helpers of the black-box feature tests (test_features*.py) against tests/http/features_server.

- `Features.start(factory, config)` writes `config` (FSA_* directives at the top, dicts of non-FSA keys
  as TOML sections such as [features]) and starts a server; `Features` wraps a requests session;
- `stats()` reads the hook call counters, `admin(...)` drives the OPEN test routes that change the
  users' table or call the uncache API;
- `CacheDaemon` runs a real redis-server or memcached on a free loopback port.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import requests

from conftest import build_path, register_secret, start_server

CALVIN = ("calvin", "hobbes-1")
SUSIE = ("susie", "calvin-3")
TOKEN_SECRET = "features token secret 0123456789abcdef"
for _value in (CALVIN[1], SUSIE[1], TOKEN_SECRET):
    register_secret(_value)  # never in a server log (conftest.py checks at the end of the session)
# tokens, basic, none; cheap bcrypt so that the tests change passwords quickly
BASE = {
    "FSA_AUTH": ["token", "basic", "none"],
    "FSA_TOKEN_SECRET": TOKEN_SECRET,
    "FSA_PASSWORD_OPTS": {"rounds": 4},
}


def clean_env(extra=None):
    """The environment without FSA_* variables (the server reads them), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FSA_")}
    env.update(extra or {})
    return env


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of ASCII is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def write_config(directory, config, name="features.toml"):
    """FSA_* keys first, then [section] tables for the application's settings."""
    lines = [f"{k} = {toml_value(v)}\n" for k, v in config.items() if k.startswith("FSA_")]
    for section, table in config.items():
        if not section.startswith("FSA_"):
            lines.append(f"[{section}]\n")
            lines.extend(f"{k} = {toml_value(v)}\n" for k, v in table.items())
    path = directory / name
    path.write_text("".join(lines))
    return path


class Features:
    """A started features_server and an HTTP client for it."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.session = requests.Session()

    @classmethod
    def start(cls, factory, config, env=None, name="features", base=True):
        directory = factory.mktemp(name)
        path = write_config(directory, {**BASE, **config} if base else config)
        server = start_server(
            [build_path("tests/http/features_server"), "--config", str(path)], env=clean_env(env)
        )
        return cls(server)

    def stop(self):
        self.session.close()
        return self.server.stop()

    def request(self, method, path, **kwargs):
        kwargs.setdefault("timeout", 10)
        kwargs.setdefault("allow_redirects", False)
        return self.session.request(method, self.url + path, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def options(self, path, **kwargs):
        return self.request("OPTIONS", path, **kwargs)

    def stats(self):
        r = self.get("/stats")
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()

    def reset_stats(self):
        assert self.post("/admin/reset-stats").status_code == 200

    def admin(self, action, **data):
        """POST /admin/<action>: "ok" for changes, a bool for the uncache calls."""
        r = self.post("/admin/" + action, data=data)
        assert r.status_code == 200, (action, r.status_code, r.text)
        return r.json() if r.headers.get("Content-Type", "").startswith("application/json") else r.text

    def set_password(self, login, password):
        assert self.admin("set-password", login=login, password=password) == "ok"

    def me(self, auth, path="/me"):
        """(status, body) of an authenticated request."""
        r = self.get(path, auth=auth)
        return r.status_code, r.text

    def token(self, auth=CALVIN, delay=None):
        params = {} if delay is None else {"delay": delay}
        r = self.get("/token", auth=auth, params=params)
        assert r.status_code == 200, (r.status_code, r.text)
        return r.json()


def served(factory, config, env=None, name="features"):
    """A module/class fixture body: start, yield, stop cleanly."""
    srv = Features.start(factory, config, env, name)
    yield srv
    assert srv.stop() == 0, srv.server.stderr()


def bearer(token):
    return {"Authorization": "Bearer " + token}


# --- real cache servers -------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_program(name):
    path = shutil.which(name)
    for directory in ("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"):
        if path:
            break
        candidate = os.path.join(directory, name)
        if os.access(candidate, os.X_OK):
            path = candidate
    if not path:
        pytest.fail(f"{name} is not installed: run scripts/install-deps")
    return path


class CacheDaemon:
    """A redis-server or memcached on a free loopback port; `stop()` kills it (an abrupt outage)."""

    def __init__(self, kind):
        self.kind = kind
        self.proc = None
        self.port = None

    def start(self, attempts=5, port=None):
        """Starts on `port`, or on a free port when None."""
        program = find_program("redis-server" if self.kind == "redis" else "memcached")
        for _ in range(attempts if port is None else 1):  # a free port may be taken between probe and start
            self.port = free_port() if port is None else port
            if self.kind == "redis":
                argv = [program, "--port", str(self.port), "--save", "", "--appendonly", "no",
                        "--bind", "127.0.0.1"]
            else:
                argv = [program, "-l", "127.0.0.1", "-p", str(self.port), "-U", "0"]
                if os.geteuid() == 0:
                    argv += ["-u", "nobody"]  # memcached refuses to run as root otherwise
            self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                    return self
                except OSError:
                    time.sleep(0.05)
            self.stop()
        pytest.fail(f"{self.kind} did not start on port {self.port}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()

    def cache_config(self, prefix):
        if self.kind == "redis":
            options = {"host": "127.0.0.1", "port": self.port}
        else:
            options = {"server": f"127.0.0.1:{self.port}"}
        return {"FSA_CACHE": self.kind, "FSA_CACHE_OPTS": options, "FSA_CACHE_PREFIX": prefix}


def cache_daemon(kind):
    """A fixture body: a started daemon, always killed at the end."""
    daemon = CacheDaemon(kind)
    try:
        yield daemon.start()
    finally:
        daemon.stop()
