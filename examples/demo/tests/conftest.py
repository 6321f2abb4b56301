"""Fixtures of the demo's black-box tests: the demo server under either configuration and on either
database — SQLite, or a real PostgreSQL server from Debian's postgresql package started for the session
in a temporary directory on a loopback port, one new database per demo — each in a fresh working
directory (its SQLite file, uploads and MFA code files land there), and helpers to call it.

Reuses tests/http/conftest.py (start_server, build_path, the finalizers that stop servers), loaded under
another module name to avoid a clash.
"""

import glob
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest
import requests

_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tests", "http", "conftest.py")
_spec = importlib.util.spec_from_file_location("http_conftest", _path)
_http = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_http)

build_path = _http.build_path
start_server = _http.start_server
_stop_leftover_servers = _http._stop_leftover_servers
_stop_all_servers = _http._stop_all_servers

SOURCE = os.environ.get("DEMO_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SECRET = "demo application secret for signing tokens"
# demo-spec §6: tokens minted with the demo secret, valid until 2100 (JWT) or 2099 (fsa)
JWT_FOO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImZvbyIsImF1ZCI6ImRlbW8iLCJpc3MiOiJm"
           "YWJpZW4ifQ.qIGUyiUkQ3AJ-OuoL_qO5UcC5pZtju1j2lHdDpFwNVY")
JWT_FOO_SCOPES = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImZvbyIsImF1ZCI6ImRlbW8iLCJp"
                  "c3MiOiJmYWJpZW4iLCJzY29wZSI6InJlYWQgd3JpdGUgZGVsZXRlIn0.36dcGRUR27DoLBu9mqYhwX6Im7G47L6Cw5ugop1TD8Q")
FSA_FOO = "demo:foo:20991231235959:61ee180f119cd8c07b0af1362130d7cb"
FSA_FOO_MFA = "mfa:foo:20991231235959:5f1cf21c5f1e7badf1192eebb321711e"

FOO = ("foo", "bla")  # admin
BLA = ("bla", "foo")  # admin


class Demo:
    """A running demo server: its configuration kind ("jwt" or "fsa"), URL and working directory."""

    def __init__(self, kind, server, cwd, database):
        self.kind = kind
        self.database = database  # "sqlite" or "postgresql": a few answers differ, as upstream's would
        self.server = server
        self.url = server.url
        self.cwd = cwd

    def call(self, method, path, **kw):
        kw.setdefault("timeout", 10)
        return requests.request(method, self.url + path, **kw)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, **kw):
        return self.call("POST", path, **kw)

    def patch(self, path, **kw):
        return self.call("PATCH", path, **kw)

    def put(self, path, **kw):
        return self.call("PUT", path, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)

    def token(self, auth):
        """A token of realm demo from GET /scare/token with Basic credentials."""
        r = self.get("/scare/token", auth=auth)
        assert r.status_code == 200, r.text
        return r.json()

    def true(self):
        """How the database's booleans come out in upstream's streamed JSON: 1 from SQLite, true from PostgreSQL."""
        return "1" if self.database == "sqlite" else "true"

    def with_token(self, token, **kw):
        """Request arguments carrying a token as this configuration expects it (bearer or AUTH)."""
        if self.kind == "jwt":
            kw.setdefault("headers", {})["Authorization"] = "Bearer " + token
        else:
            kw.setdefault("params", {})["AUTH"] = token
        return kw


def start_demo(kind, db=None, env=None, args=()):
    """Starts the demo with demo-<kind>.toml in a fresh working directory (and --db if given)."""
    cwd = tempfile.mkdtemp(prefix=f"demo-{kind}-")
    argv = [build_path("examples/demo/demo"), "--config", os.path.join(SOURCE, f"demo-{kind}.toml"), *args]
    if db is not None:
        argv += ["--db", db]
    full_env = dict(os.environ)
    full_env.update(env or {})
    database = "postgresql" if db is not None and db.startswith("postgresql:") else "sqlite"
    return Demo(kind, start_server(argv, cwd=cwd, env=full_env), cwd, database)


DATABASES = ["sqlite", "postgresql"]


def start_on(request, kind, database):
    """Starts the demo under configuration `kind` on `database` (a new PostgreSQL database each time)."""
    db = request.getfixturevalue("postgres").new_database() if database == "postgresql" else None
    return start_demo(kind, db=db)


@pytest.fixture(params=[(kind, database) for kind in ("jwt", "fsa") for database in DATABASES],
                ids=lambda p: "-".join(p))
def demo(request):
    """A fresh demo (new database) under each configuration and on each database in turn."""
    d = start_on(request, *request.param)
    yield d
    d.server.stop()


@pytest.fixture(params=DATABASES)
def jwt_demo(request):
    d = start_on(request, "jwt", request.param)
    yield d
    d.server.stop()


@pytest.fixture(params=DATABASES)
def fsa_demo(request):
    d = start_on(request, "fsa", request.param)
    yield d
    d.server.stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    def __init__(self, bindir, port, prefix):
        self.bindir = bindir
        self.port = port
        self.prefix = prefix
        self.count = 0

    def new_database(self):
        self.count += 1
        name = f"demo{self.count}"
        subprocess.run([os.path.join(self.bindir, "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "demo",
                        name], check=True, capture_output=True)
        return f"postgresql://demo@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the whole session; each demo gets a new database on it."""
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdb:
        pytest.skip("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
                    "install Debian's postgresql package (scripts/install-deps)")
    bindir = os.path.dirname(initdb[-1])
    base = tempfile.mkdtemp(prefix="demo-pg-")
    data = os.path.join(base, "data")
    prefix = []
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the package's postgres user
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(prefix + [os.path.join(bindir, "initdb"), "-D", data, "-U", "demo", "-A", "trust", "-E", "UTF8",
                             "--no-sync"], check=True, capture_output=True)
    subprocess.run(prefix + [os.path.join(bindir, "pg_ctl"), "-D", data, "-l", os.path.join(base, "log"), "-w",
                             "-t", "60", "-o", f"-h 127.0.0.1 -p {port} -k {base} -F", "start"],
                   check=True, capture_output=True)
    try:
        yield Postgres(bindir, port, prefix)
    finally:
        subprocess.run(prefix + [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
