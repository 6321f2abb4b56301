"""demo-spec §1, §4, §5.1: configuration, common headers, the open routes, and §2.4 transactions."""

import os
import re
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import BLA, FOO, SOURCE, build_path, start_demo, start_server


def test_version_now_who(demo):
    r = demo.get("/version")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json"
    assert re.fullmatch(r'"\d+\.\d+\.\d+"\n', r.text)
    r = demo.get("/now")
    assert r.status_code == 200
    assert re.fullmatch(r'"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"\n', r.text)
    assert demo.get("/who").json() is None
    assert demo.get("/who", auth=FOO).json() == "foo"
    assert demo.get("/who", auth=("foo@school.org", "bla")).json() == "foo@school.org"
    r = demo.get("/who", auth=("foo", "wrong"))  # never a 401
    assert r.status_code == 200 and r.json() is None
    assert r.headers["FSA-User"] == "None (none)"


def test_common_headers(demo):
    for r in (demo.get("/now"), demo.get("/stuff", auth=FOO), demo.get("/nowhere"), demo.delete("/now")):
        assert r.headers["Service"] == "Demo/1.0"
        assert "FSA-Delay" in r.headers and "FSA-Request" in r.headers
    assert demo.get("/stuff", auth=FOO).headers["FSA-User"] == "foo (basic)"
    assert demo.get("/now").headers["FSA-User"] == "None (None)"
    assert demo.get("/stuff").headers["FSA-Request"] == "GET /stuff"
    assert demo.get("/nowhere").status_code == 404
    r = demo.delete("/now")
    assert r.status_code == 405


def test_challenges(demo):
    r = demo.get("/stuff")
    assert r.status_code == 401
    # one header line per challenge (README: deliberate differences), Basic with its charset parameter
    challenges = r.raw.headers.getlist("WWW-Authenticate")
    basic = 'Basic realm="demo", charset="UTF-8"'
    if demo.kind == "jwt":
        assert challenges == ['Bearer realm="demo"', basic]  # token and oauth share one Bearer line
        assert r.text == "missing token"  # oauth, the last scheme tried
    else:
        assert challenges == [basic]
        assert r.text == "missing authorization header"
    r = demo.get("/scare/token")
    assert r.raw.headers.getlist("WWW-Authenticate") == [basic]


def test_upload(demo):
    r = demo.post("/upload", files={"file": ("up.txt", b"hello upload", "Text/Plain; charset=utf-8")})
    assert r.status_code == 201, r.text
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    m = re.fullmatch(r"up\.txt \(text/plain\) saved as ([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                     r"[0-9a-f]{12}\.tmp)", r.text)
    assert m, r.text
    with open(os.path.join(demo.cwd, m.group(1)), "rb") as f:
        assert f.read() == b"hello upload"
    r = demo.post("/upload", files={"file": ("a.txt", b"x")}, headers={})
    assert r.status_code == 201
    r = demo.post("/upload")
    assert r.status_code == 400 and 'parameter "file" is missing' in r.text
    r = demo.post("/upload", data={"file": "text"})
    assert r.status_code == 400 and '"file"' in r.text
    r = demo.post("/upload", json={"file": "text"})
    assert r.status_code == 400 and '"file"' in r.text


def test_options_and_head(demo):
    r = demo.call("OPTIONS", "/stuff")
    assert r.status_code == 200 and "GET" in r.headers["Allow"]
    r = demo.call("HEAD", "/now")
    assert r.status_code == 200


def test_failed_request_is_rolled_back(demo):
    # PATCH /users/<login>: the password is updated, then the e-mail update fails (bla's e-mail is taken):
    # the 409 rolls back the password change too
    r = demo.patch("/users/foo", auth=FOO, data={"pass": "newpass", "email": "bla@school.org"})
    assert r.status_code == 409, r.text
    assert demo.get("/who", auth=FOO).json() == "foo"
    assert demo.get("/who", auth=("foo", "newpass")).json() is None
    # a success is committed
    assert demo.post("/stuff", auth=BLA, data={"sname": "kept"}).status_code == 201
    assert demo.get("/stuff/4", auth=BLA).json() == ["kept"]


def test_concurrent_requests():
    # four I/O threads, each with its own connection and its requests' transactions: nothing is lost,
    # a failed request (409) rolls back only its own changes
    demo = start_demo("jwt", args=["--threads", "4"])

    def work(i):
        created = demo.post("/stuff", auth=FOO, data={"sname": f"c{i}"}).status_code
        refused = demo.patch("/users/bla", auth=FOO, data={"pass": f"p{i}x", "email": "foo@school.org"}).status_code
        return created, refused, demo.get("/who", auth=BLA).json()

    try:
        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(work, range(40))) == {(201, 409, "bla")}
        assert len(demo.get("/stuff", auth=FOO).json()) == 43
    finally:
        demo.server.stop()


def test_database_option_and_app_config(tmp_path):
    # --db names the SQLite file; $APP_CONFIG names the configuration when --config is absent
    db = str(tmp_path / "other.db")
    env = {"APP_CONFIG": os.path.join(SOURCE, "demo-fsa.toml")}
    first = start_server([build_path("examples/demo/demo"), "--db", db], cwd=str(tmp_path), env=dict(os.environ, **env))
    assert requests.post(first.url + "/stuff", auth=FOO, data={"sname": "kept"}, timeout=10).json() == 4
    assert requests.get(first.url + "/mfa/test", timeout=10).status_code == 401  # fsa configuration: /mfa
    first.stop()
    assert os.path.exists(db) and not os.path.exists(tmp_path / "stuff.db")
    second = start_server([build_path("examples/demo/demo"), "--db", db], cwd=str(tmp_path), env=dict(os.environ, **env))
    assert requests.get(second.url + "/stuff/4", auth=FOO, timeout=10).json() == ["kept"]  # created once
    second.stop()
