"""demo-spec on PostgreSQL (--db postgresql://...): the main flows, on a real server from Debian's
postgresql package started in a temporary directory on a loopback port for this module, and one new
database per test. Skipped, saying why, only when the server binaries are not installed."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest

from conftest import BLA, FOO, JWT_FOO_SCOPES, start_demo
from test_mfa import stage1, totp


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


@pytest.fixture(scope="module")
def postgres():
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


@pytest.fixture(params=["jwt", "fsa"])
def pg_demo(request, postgres):
    d = start_demo(request.param, db=postgres.new_database())
    yield d
    d.server.stop()


def test_open_and_stuff(pg_demo):
    assert pg_demo.get("/now").status_code == 200
    assert pg_demo.get("/stuff", auth=FOO).json() == [[1, "Hello"], [2, "World"], [3, "!"]]
    assert pg_demo.get("/stuff", auth=FOO, params={"pattern": "%o%"}).json() == [[1, "Hello"], [2, "World"]]
    assert pg_demo.post("/stuff", auth=FOO, data={"sname": "pg"}).json() == 4
    assert pg_demo.patch("/stuff/4", auth=FOO, data={"sname": "PG"}).status_code == 204
    assert pg_demo.get("/stuff/4", auth=FOO).json() == ["PG"]
    assert pg_demo.delete("/stuff/4", auth=FOO).status_code == 204
    r = pg_demo.get("/stuff/4", auth=FOO)
    assert r.status_code == 404 and r.text == "no such sid: 4"


def test_users_and_self_care(pg_demo):
    users = pg_demo.get("/users", auth=FOO).json()
    assert [u[:2] + [u[3]] for u in users] == [["bla", "bla@school.org", True], ["foo", "foo@school.org", True]]
    r = pg_demo.post("/scare", data={"login": "calvin", "email": "calvin@school.org", "pass": "hobbes",
                                     "secret": "CALVINSECRETCALVIN"})
    assert r.status_code == 201 and r.json() == 3
    calvin = ("calvin", "hobbes")
    assert pg_demo.get("/scare", auth=calvin).json()[3] is False
    assert pg_demo.get("/users", auth=calvin).status_code == 403
    assert pg_demo.patch("/users/calvin", auth=FOO, data={"admin": "1"}).status_code == 204
    assert pg_demo.get("/users", auth=calvin).status_code == 200
    assert pg_demo.patch("/scare", auth=calvin, data={"opass": "hobbes", "npass": "tiger"}).status_code == 204
    assert pg_demo.get("/who", auth=("calvin@school.org", "tiger")).json() == "calvin@school.org"
    token = pg_demo.token(("calvin", "tiger"))
    assert pg_demo.get("/scare", **pg_demo.with_token(token)).json()[0] == "calvin"
    assert pg_demo.post("/users", auth=FOO, data={"login": "calvin", "email": "c2@school.org", "pass": "pw",
                                                  "secret": "CALVINSECRETCALVIN"}).status_code == 409
    assert pg_demo.delete("/scare", auth=("calvin", "tiger")).status_code == 204
    assert pg_demo.get("/users/calvin", auth=FOO).status_code == 404


def test_auth_model_and_rollback(pg_demo):
    user = {"login": "susie", "email": "susie@school.org", "upass": "derkins", "admin": "no",
            "secret": "SUSIESECRETSUSIES"}
    r = pg_demo.post("/auth", auth=BLA, json={"user": user})
    assert r.status_code == 201 and r.json() == {"aid": 3}
    assert pg_demo.post("/auth", auth=BLA, json={"user": user}).status_code == 409
    assert pg_demo.put("/auth/3", auth=BLA, json={"user": dict(user, aid=3, email="s@home.org")}).status_code == 204
    assert pg_demo.get("/auth/susie", auth=BLA).json()["email"] == "s@home.org"
    # a failed request leaves nothing behind: the password change is rolled back with the 409
    r = pg_demo.patch("/users/susie", auth=BLA, data={"pass": "newpass", "email": "foo@school.org"})
    assert r.status_code == 409
    assert pg_demo.get("/who", auth=("susie", "derkins")).json() == "susie"
    r = pg_demo.post("/auth", auth=BLA, json={"user": dict(user, login="x@y", email="x@school.org")})
    assert r.status_code == 500  # check constraint
    assert pg_demo.get("/auth", auth=BLA).json()[-1]["login"] == "susie"
    assert pg_demo.delete("/auth/susie", auth=BLA).status_code == 204


def test_mfa_or_oauth(pg_demo):
    if pg_demo.kind == "jwt":
        r = pg_demo.get("/oauth", headers={"Authorization": "Bearer " + JWT_FOO_SCOPES})
        assert r.status_code == 200 and r.json()[0] == "foo"
        return
    token, code = stage1(pg_demo)
    r = pg_demo.post("/mfa/code", data={"AUTH": token, "code": code})
    assert r.status_code == 200, r.text
    assert pg_demo.get("/mfa/test", params={"AUTH": r.json()}).text == "MFA succeeded for foo!"
    assert pg_demo.post("/mfa/code", data={"AUTH": token, "code": code}).status_code == 401
    token, _ = stage1(pg_demo, BLA)
    otp = totp("BLASECRETBLASECRET")
    assert pg_demo.post("/mfa/totp", data={"AUTH": token, "otp": otp}).status_code == 200
    r = pg_demo.post("/mfa/totp", data={"AUTH": token, "otp": otp})
    assert r.status_code == 401 and r.text == "rejected OTP replay attack on bla"


def test_restart_keeps_the_data(postgres):
    db = postgres.new_database()
    first = start_demo("jwt", db=db)
    assert first.post("/stuff", auth=FOO, data={"sname": "persistent"}).json() == 4
    first.server.stop()
    second = start_demo("jwt", db=db)  # no second creation
    assert second.get("/stuff/4", auth=FOO).json() == ["persistent"]
    assert len(second.get("/users", auth=FOO).json()) == 2
    second.server.stop()
