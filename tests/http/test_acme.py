"""Black-box tests of the acme example: a real server process on 127.0.0.1, real HTTP requests."""

import base64
import concurrent.futures
import json
import os
import subprocess
import time

import jwt
import pytest
import requests

from conftest import build_path, register_secret, start_server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = os.path.join(ROOT, "examples", "acme", "acme.toml")
SECRET = "black-box test secret for the acme example, 0123456789"
CALVIN = ("calvin", "hobbes-1")  # employee, manager of store 1, employee of store 2
HOBBES = ("hobbes", "susie-2")  # employee of store 1
SUSIE = ("susie", "calvin-3")  # not an employee
for _value in (SECRET, CALVIN[1], HOBBES[1], SUSIE[1]):
    register_secret(_value)  # never in a server log (conftest.py checks at the end of the session)


def acme_env(**extra):
    env = dict(os.environ)
    env.update({"ACME_SECRET": SECRET, "ACME_CONFIG": CONFIG})
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("acme")
    server = start_server([build_path("examples/acme/acme"), "--threads", "2"], env=acme_env(), cwd=str(workdir))
    yield server
    assert server.stop() == 0


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def login(acme, who=CALVIN):
    r = requests.get(acme.url + "/login", auth=who)
    assert r.status_code == 200, r.text
    return r.json()


def test_hello_is_open(acme):
    r = requests.get(acme.url + "/hello")
    assert r.status_code == 200
    assert r.text == "hello"


def test_unknown_path_and_wrong_method(acme):
    assert requests.get(acme.url + "/nope").status_code == 404
    r = requests.delete(acme.url + "/store")
    assert r.status_code == 405
    assert "GET" in r.headers["Allow"]


def test_store_needs_authentication(acme):
    r = requests.get(acme.url + "/store")
    assert r.status_code == 401
    challenges = r.raw.headers.getlist("WWW-Authenticate")
    assert challenges == ['Bearer realm="acme"', 'Basic realm="acme", charset="UTF-8"']


def test_store_for_employees_only(acme):
    r = requests.get(acme.url + "/store", auth=CALVIN)
    assert r.status_code == 200
    assert r.json() == [{"name": "Main Street", "sid": 1}, {"name": "Harbour", "sid": 2}]
    assert requests.get(acme.url + "/store", auth=HOBBES).status_code == 200
    assert requests.get(acme.url + "/store", auth=SUSIE).status_code == 403


def test_store_pattern(acme):
    r = requests.get(acme.url + "/store", params={"pattern": "Main%"}, auth=CALVIN)
    assert r.status_code == 200
    assert r.json() == [{"name": "Main Street", "sid": 1}]
    r = requests.get(acme.url + "/store", params={"pattern": "%", "other": "1"}, auth=CALVIN)
    assert r.status_code == 400
    assert 'unexpected parameter "other"' in r.text


def test_wrong_password_and_unknown_user_look_the_same(acme):
    wrong = requests.get(acme.url + "/store", auth=("calvin", "wrong"))
    unknown = requests.get(acme.url + "/store", auth=("nobody", "wrong"))
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text


def test_login_returns_a_jwt(acme):
    token = login(acme)
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="acme")
    assert claims["sub"] == "calvin"
    assert abs(claims["exp"] - (time.time() + 3600)) < 60
    r = requests.get(acme.url + "/login", auth=CALVIN)
    assert r.headers["Cache-Control"] == "no-store"


def test_login_requires_basic(acme):
    token = login(acme)
    assert requests.get(acme.url + "/login", headers=bearer(token)).status_code == 401
    assert requests.get(acme.url + "/login").status_code == 401


def test_jwt_from_login_works_everywhere(acme):
    token = login(acme)
    assert requests.get(acme.url + "/store", headers=bearer(token)).status_code == 200
    r = requests.get(acme.url + "/store/1/product", headers=bearer(token))
    assert r.status_code == 200
    assert isinstance(r.json(), dict)


def test_jwt_made_by_pyjwt_is_accepted(acme):
    token = jwt.encode({"exp": int(time.time()) + 600, "sub": "hobbes", "aud": "acme"}, SECRET, algorithm="HS256")
    assert requests.get(acme.url + "/store", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize(
    "claims,key",
    [
        ({"sub": "calvin", "aud": "acme"}, "another secret of sufficient length for HS256!"),  # other secret
        ({"sub": "calvin", "aud": "other"}, SECRET),  # other realm
        ({"sub": "calvin"}, SECRET),  # no audience
    ],
)
def test_bad_jwt_is_refused(acme, claims, key):
    claims = dict(claims, exp=int(time.time()) + 600)
    token = jwt.encode(claims, key, algorithm="HS256")
    r = requests.get(acme.url + "/store", headers=bearer(token))
    assert r.status_code == 401
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]
    assert token not in r.text


def test_expired_jwt_is_refused(acme):
    token = jwt.encode({"exp": int(time.time()) - 10, "sub": "calvin", "aud": "acme"}, SECRET, algorithm="HS256")
    assert requests.get(acme.url + "/store", headers=bearer(token)).status_code == 401


def test_alg_none_is_refused(acme):
    for alg in ("none", "None", "NONE"):
        header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
        payload = b64url(json.dumps({"exp": int(time.time()) + 600, "sub": "calvin", "aud": "acme"}).encode())
        r = requests.get(acme.url + "/store", headers=bearer(f"{header}.{payload}."))
        assert r.status_code == 401, alg


def test_stock_for_store_employees(acme):
    assert requests.get(acme.url + "/store/1/product", auth=HOBBES).status_code == 200
    assert requests.get(acme.url + "/store/2/product", auth=CALVIN).status_code == 200
    assert requests.get(acme.url + "/store/2/product", auth=HOBBES).status_code == 403
    assert requests.get(acme.url + "/store/3/product", auth=CALVIN).status_code == 404
    assert requests.get(acme.url + "/store/x/product", auth=CALVIN).status_code == 404


def test_managers_add_products(acme):
    r = requests.post(acme.url + "/store/1/product", data={"product": "pear", "quantity": "3"}, auth=CALVIN)
    assert r.status_code == 201
    before = r.json()["quantity"]
    r = requests.post(acme.url + "/store/1/product", json={"product": "pear", "quantity": 2}, auth=CALVIN)
    assert r.status_code == 201
    assert r.json() == {"product": "pear", "quantity": before + 2}
    stock = requests.get(acme.url + "/store/1/product", auth=HOBBES).json()
    assert stock["pear"] == before + 2


def test_only_managers_add_products(acme):
    data = {"product": "fig", "quantity": "1"}
    assert requests.post(acme.url + "/store/1/product", data=data, auth=HOBBES).status_code == 403
    assert requests.post(acme.url + "/store/2/product", data=data, auth=CALVIN).status_code == 403
    assert requests.post(acme.url + "/store/9/product", data=data, auth=CALVIN).status_code == 404
    assert requests.post(acme.url + "/store/1/product", data=data).status_code == 401


def test_bad_parameters_are_listed_together(acme):
    r = requests.post(acme.url + "/store/1/product", data={"quantity": "lots", "colour": "red"}, auth=CALVIN)
    assert r.status_code == 400
    lines = r.text.split("\n")
    assert lines[0] == 'parameter "product" is missing'
    assert lines[1].startswith('parameter "quantity" cast error on lots')
    assert lines[2] == 'unexpected parameter "colour"'
    r = requests.post(acme.url + "/store/1/product", data="{not json", auth=CALVIN,
                      headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_concurrent_posts_lose_no_update(acme):
    token = login(acme)
    before = requests.get(acme.url + "/store/1/product", headers=bearer(token)).json().get("plum", 0)

    def add_one(_):
        return requests.post(acme.url + "/store/1/product", data={"product": "plum", "quantity": "1"},
                             headers=bearer(token)).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(add_one, range(50)))
    assert statuses == [201] * 50
    after = requests.get(acme.url + "/store/1/product", headers=bearer(token)).json()["plum"]
    assert after == before + 50


def test_startup_refuses_without_secret(tmp_path):
    env = acme_env()
    del env["ACME_SECRET"]
    p = subprocess.run([build_path("examples/acme/acme"), "--port", "0"], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 2
    assert "ACME_SECRET" in p.stderr
    assert p.stdout == ""


def test_startup_refuses_without_config(tmp_path):
    env = acme_env()
    del env["ACME_CONFIG"]
    p = subprocess.run([build_path("examples/acme/acme"), "--port", "0"], env=env, cwd=tmp_path,
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 2
    assert "ACME_CONFIG" in p.stderr


def test_database_is_created_in_the_working_directory(acme, tmp_path):
    server = start_server([build_path("examples/acme/acme")], env=acme_env(), cwd=str(tmp_path))
    try:
        assert (tmp_path / "acme.db").exists()
        assert requests.get(server.url + "/store", auth=CALVIN).status_code == 200
    finally:
        assert server.stop() == 0
