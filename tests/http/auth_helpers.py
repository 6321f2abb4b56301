"""Helpers of the black-box authentication tests (test_auth*.py) against tests/http/auth_server.

- `Auth.start(factory, config)` writes `config` (a dict of FSA_* directives) as TOML and starts a server;
- `Auth` wraps requests with a recorder: every response (status, headers, body) is kept so that the
  last test of each module can check that no password, token or secret ever came back;
- tokens are made here, with upstream's formulas (hashlib, PyJWT), never with the server's code.
"""

import base64
import datetime
import hashlib
import json
import os
import re
import subprocess

import requests

from conftest import build_path, parse_responses, raw_exchange, register_secret, start_server

# users of auth_server
CALVIN = ("calvin", "hobbes-1")
SUSIE = ("susie", "calvin-3")
API_KEY = "let-me-in"
APP_NAME = "auth-test"  # the default realm

# everything that must never come back in a response or in a log (tokens are added as they are made)
SECRETS = {CALVIN[1], SUSIE[1], API_KEY}
for _value in SECRETS:
    register_secret(_value)
RESPONSES = []  # (url, status, [(name, value)], body bytes) of every response of the session
SERVERS = []  # every server started, for the log check
TOKEN_ROUTES = ("/token", "/login")  # their bodies are tokens, on purpose


def server_argv(config_path):
    return [build_path("tests/http/auth_server"), "--config", str(config_path)]


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
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def write_config(directory, config, name="auth.toml"):
    path = directory / name
    path.write_text("".join(f"{k} = {toml_value(v)}\n" for k, v in config.items()))
    return path


def run_refused(tmp_path, config):
    """Runs the server with a configuration it must refuse: (exit code, stdout, stderr)."""
    path = write_config(tmp_path, config)
    proc = subprocess.run(
        server_argv(path) + ["--host", "127.0.0.1", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=20,
        env=clean_env(),
    )
    return proc.returncode, proc.stdout, proc.stderr


def secret(value):
    """Registers a value that no response body, header or log line may contain; returns it."""
    SECRETS.add(value)
    register_secret(value)  # the session-wide log check of conftest.py
    return value


def record(response, *args, **kwargs):
    headers = list(response.raw.headers.items()) if response.raw is not None else list(response.headers.items())
    RESPONSES.append((response.request.url, response.status_code, headers, response.content))


class Auth:
    """A started auth_server and a recording HTTP client for it."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.session = requests.Session()
        self.session.hooks["response"].append(record)

    @classmethod
    def start(cls, factory, config, env=None, name="auth"):
        directory = factory.mktemp(name)
        path = write_config(directory, config)
        server = start_server(server_argv(path), env=clean_env(env))
        SERVERS.append(server)
        return cls(server)

    def stop(self):
        self.session.close()
        return self.server.stop()

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", 10)
        return self.session.get(self.url + path, **kwargs)

    def post(self, path, **kwargs):
        kwargs.setdefault("timeout", 10)
        return self.session.post(self.url + path, **kwargs)

    def raw(self, data):
        """Sends raw bytes (Connection: close expected); returns (status, headers dict, body, raw bytes)."""
        out, _ = raw_exchange(self.server.host, self.server.port, data)
        responses = parse_responses(out)
        assert len(responses) == 1, out
        status, headers, body = responses[0]
        head = out.partition(b"\r\n\r\n")[0].decode("latin1").split("\r\n")[1:]
        RESPONSES.append(("raw", status, [tuple(h.split(": ", 1)) for h in head], body))
        return status, headers, body, out

    def token(self, auth=None, headers=None, scope=None, params=None):
        """A token from GET /token, registered as a secret."""
        params = dict(params or {})
        if scope is not None:
            params["scope"] = scope
        r = self.get("/token", auth=auth, headers=headers, params=params)
        assert r.status_code == 200, (r.status_code, r.text)
        return secret(json.loads(r.text))


def challenges(response):
    """The WWW-Authenticate header lines of a requests response, in order."""
    return response.raw.headers.getlist("WWW-Authenticate")


def header_lines(response, name):
    return response.raw.headers.getlist(name)


def basic(login, password):
    """An Authorization header value for HTTP Basic, from str or bytes."""
    raw = (login if isinstance(login, bytes) else login.encode()) + b":"
    raw += password if isinstance(password, bytes) else password.encode()
    return "Basic " + base64.b64encode(raw).decode()


# --- fsa tokens (fsa-behaviour §5.1) ------------------------------------------------------------


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def simplify_realm(realm):
    return "-".join(p for p in re.sub(r"[^-A-Za-z0-9]", "-", realm).split("-") if p)


def fsa_signature(data, key, algo="blake2s", length=16):
    return hashlib.new(algo, f"{data}:{key}".encode()).digest()[:length].hex()


def fsa_token(user, key, realm=APP_NAME, issuer=None, minutes=60.0, algo="blake2s", length=16, limit=None):
    """Upstream's token `<realm>[/<issuer>]:<user>:<limit>:<signature>`, limit = now + minutes."""
    trealm = realm + (f"/{issuer}" if issuer else "")
    if limit is None:
        limit = (utcnow() + datetime.timedelta(minutes=minutes)).strftime("%Y%m%d%H%M%S")
    data = f"{trealm}:{user}:{limit}"
    return secret(f"{data}:{fsa_signature(data, key, algo, length)}")


def fsa_limit(token):
    slimit = token.split(":")[2]
    return datetime.datetime.strptime(slimit, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)


# --- leak check ---------------------------------------------------------------------------------


def find_leaks():
    """The responses and logs that contain a registered secret: a list of descriptions."""
    leaks = []
    secrets = [s for s in SECRETS if s]
    for url, status, headers, body in RESPONSES:
        path = url.split("?")[0].split("://", 1)[-1]
        path = path[path.find("/"):] if "/" in path else path
        token_route = status == 200 and path in TOKEN_ROUTES
        text = body.decode("latin1")
        for s in secrets:
            if s in text and not token_route:
                leaks.append(f"body of {url} ({status}) contains {s!r}")
            for name, value in headers:
                if s in value and name.lower() != "set-cookie":
                    leaks.append(f"header {name} of {url} ({status}) contains {s!r}")
    for server in SERVERS:
        log = server.stderr()
        for s in secrets:
            if s in log:
                leaks.append(f"log of server {server.url} contains {s!r}")
    return leaks
