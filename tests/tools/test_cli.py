"""The simpleauth command-line tool: every subcommand, its exit codes, and tokens exchanged with a real
acme server (made by the tool and accepted by the server, made by the server and checked by the tool)."""

import os
import pty
import select
import subprocess
import tempfile
import time

import pytest
import requests

BUILD = os.environ.get("SIMPLEAUTH_BUILD_DIR", "")
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACME_CONFIG = os.path.join(SOURCE, "examples", "acme", "acme.toml")
SECRET = "command-line tool test secret, long enough for HS256"
ENV = dict(os.environ, ACME_SECRET=SECRET)


def tool():
    path = os.path.join(BUILD, "tools", "simpleauth")
    if not os.path.exists(path):
        pytest.fail(f"{path} is not built (run through ctest, SIMPLEAUTH_BUILD_DIR set)")
    return path


def cli(*args, stdin="", env=ENV):
    return subprocess.run([tool(), *args], input=stdin, capture_output=True, text=True, env=env, timeout=30)


@pytest.fixture(scope="module")
def acme():
    """The acme example on an ephemeral port, its database in a temporary directory."""
    binary = os.path.join(BUILD, "examples", "acme", "acme")
    if not os.path.exists(binary):
        pytest.skip("examples not built")
    with tempfile.TemporaryDirectory() as work:
        proc = subprocess.Popen(
            [binary, "--config", ACME_CONFIG, "--host", "127.0.0.1", "--port", "0"],
            cwd=work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = proc.stdout.readline().strip()
            assert line.startswith("listening on http://"), line
            yield line.removeprefix("listening on ")
        finally:
            proc.terminate()
            proc.wait(timeout=15)


# --- help and usage ---

def test_help():
    r = cli("--help")
    assert r.returncode == 0
    for sub in ("hash-password", "check-password", "create-token", "check-token", "routes"):
        assert sub in r.stdout


@pytest.mark.parametrize("sub", ["hash-password", "check-password", "create-token", "check-token", "routes"])
def test_help_subcommand(sub):
    r = cli("help", sub)
    assert r.returncode == 0
    assert r.stdout.startswith(f"usage: simpleauth {sub}")


@pytest.mark.parametrize("args", [
    [],                                   # no subcommand
    ["frobnicate"],                       # unknown subcommand
    ["help", "frobnicate"],
    ["check-password"],                   # missing HASH
    ["create-token", "a", "b"],           # one USER only
    ["create-token", "--bogus", "x", "u"],
    ["hash-password", "--delay", "3"],    # option of another subcommand
    ["create-token", "--config", ACME_CONFIG, "--delay", "soon", "calvin"],
    ["create-token", "--config"],         # option without its value
    ["routes"],                           # missing BINARY
])
def test_usage_errors(args):
    r = cli(*args)
    assert r.returncode == 2, r
    assert r.stderr.startswith("simpleauth: ")


def test_configuration_errors():
    # a missing file, and tokens without the server's secret
    assert cli("hash-password", "--config", "/nonexistent.toml", stdin="x\n").returncode == 2
    r = cli("create-token", "calvin")
    assert r.returncode == 2
    assert "FSA_TOKEN_SECRET" in r.stderr


# --- passwords ---

def test_hash_and_check_password():
    h = cli("hash-password", "--config", ACME_CONFIG, stdin="hobbes-1\n")
    assert h.returncode == 0
    digest = h.stdout.strip()
    assert digest.startswith("$2b$10$")  # acme.toml: bcrypt, 10 rounds
    ok = cli("check-password", digest, stdin="hobbes-1\n")
    assert (ok.returncode, ok.stdout.strip()) == (0, "match")
    bad = cli("check-password", digest, stdin="susie-2\n")
    assert (bad.returncode, bad.stdout.strip()) == (1, "no match")


def test_hash_password_quality(tmp_path):
    config = tmp_path / "strict.toml"
    config.write_text('FSA_PASSWORD_LENGTH = 12\nFSA_PASSWORD_OPTS = { rounds = 4 }\n')
    r = cli("hash-password", "--config", str(config), stdin="short\n")
    assert r.returncode == 1
    assert "password" in r.stderr
    assert cli("hash-password", "--config", str(config), stdin="long enough password\n").returncode == 0


def test_hash_password_without_input():
    assert cli("hash-password", stdin="").returncode == 2


def _read_until(fd, marker, timeout=10):
    out = b""
    deadline = time.monotonic() + timeout
    while marker not in out:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no {marker!r} in {out!r}")
        out += os.read(fd, 1024)
    return out


def test_hash_password_on_a_terminal_does_not_echo(tmp_path):
    config = tmp_path / "fast.toml"
    config.write_text("FSA_PASSWORD_OPTS = { rounds = 4 }\n")
    master, slave = pty.openpty()
    proc = subprocess.Popen([tool(), "hash-password", "--config", str(config)],
                            stdin=slave, stdout=subprocess.PIPE, stderr=slave, env=ENV)
    os.close(slave)
    try:
        seen = _read_until(master, b"Password: ")
        os.write(master, b"typed-secret\n")
        seen += _read_until(master, b"Again: ")
        os.write(master, b"typed-secret\n")
        digest = proc.stdout.read().decode().strip()
        assert proc.wait(timeout=15) == 0
        assert b"typed-secret" not in seen
        assert cli("check-password", digest, stdin="typed-secret\n").returncode == 0
    finally:
        os.close(master)


# --- tokens ---

def test_create_and_check_token_jwt():
    token = cli("create-token", "--config", ACME_CONFIG, "calvin").stdout.strip()
    assert token.count(".") == 2  # acme.toml: JWT
    r = cli("check-token", "--config", ACME_CONFIG, token)
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "user: calvin"
    assert lines[1].startswith("expires: ") and lines[1].endswith("Z")
    # tampered, another realm, another issuer: refused
    assert cli("check-token", "--config", ACME_CONFIG, token[:-2] + "xx").returncode == 1
    assert cli("check-token", "--config", ACME_CONFIG, "--realm", "other", token).returncode == 1
    assert cli("check-token", "--config", ACME_CONFIG, "--issuer", "someone", token).returncode == 1


def test_token_options(tmp_path):
    config = tmp_path / "fsa.toml"
    config.write_text('FSA_TOKEN_TYPE = "fsa"\nFSA_TOKEN_SECRET = "an fsa secret"\n')
    token = cli("create-token", "--config", str(config), "--realm", "shop", "--issuer", "me",
                "--delay", "0.5", "hobbes").stdout.strip()
    assert token.startswith("shop/me:hobbes:")  # upstream's fsa format
    r = cli("check-token", "--config", str(config), "--realm", "shop", "--issuer", "me", token)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "user: hobbes"
    assert cli("check-token", "--config", str(config), "--realm", "shop", token).returncode == 1
    # expired: a token whose limit is in the past
    parts = token.split(":")
    expired = ":".join([parts[0], parts[1], "20000101000000", parts[3]])
    assert cli("check-token", "--config", str(config), "--realm", "shop", "--issuer", "me", expired).returncode == 1


def test_cli_token_accepted_by_acme(acme):
    token = cli("create-token", "--config", ACME_CONFIG, "calvin").stdout.strip()
    r = requests.get(f"{acme}/store/1/product", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 200
    # one signed with another secret is not
    other = cli("create-token", "--config", ACME_CONFIG, "calvin",
                env=dict(ENV, ACME_SECRET="another secret that is long enough for HS256")).stdout.strip()
    r = requests.get(f"{acme}/store/1/product", headers={"Authorization": f"Bearer {other}"}, timeout=10)
    assert r.status_code == 401


def test_acme_token_checked_by_cli(acme):
    token = requests.get(f"{acme}/login", auth=("calvin", "hobbes-1"), timeout=10).json()
    r = cli("check-token", "--config", ACME_CONFIG, token)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "user: calvin"


# --- routes ---

def test_routes_of_acme(tmp_path):
    binary = os.path.join(BUILD, "examples", "acme", "acme")
    if not os.path.exists(binary):
        pytest.skip("examples not built")
    r = subprocess.run([tool(), "routes", binary, "--config", ACME_CONFIG], capture_output=True, text=True,
                       env=ENV, cwd=tmp_path, timeout=30)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("METHOD")
    assert any(line.startswith("POST") and "/store/<sid>/product" in line and "(store, sid, manager)" in line
               for line in lines)
    assert len(lines) == 6  # header and the five routes


def test_routes_failures(tmp_path):
    r = cli("routes", str(tmp_path / "missing-binary"))
    assert r.returncode == 127
    assert "cannot run" in r.stderr
    # a server that refuses to start: its status is passed on (acme without its secret: 2)
    binary = os.path.join(BUILD, "examples", "acme", "acme")
    if os.path.exists(binary):
        env = {k: v for k, v in ENV.items() if k != "ACME_SECRET"}
        r = subprocess.run([tool(), "routes", binary, "--config", ACME_CONFIG], capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=30)
        assert r.returncode == 2
