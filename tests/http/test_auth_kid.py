"""JWT key rotation over HTTP (SimpleAuth extension, SECURITY.md REQ-JWT-10): FSA_TOKEN_KID names the
current key (FSA_TOKEN_SECRET / FSA_TOKEN_SIGN), FSA_TOKEN_KEYS the other accepted keys by `kid`.
Tokens are made here with PyJWT; the server is tests/http/auth_server."""

import os
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from auth_helpers import Auth, challenges, run_refused, secret

KEYS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "testdata", "jwt_keys")
REALM = "Kid Realm"


def read_key(name):
    with open(os.path.join(KEYS, name), encoding="ascii") as f:
        return f.read()


CURRENT_PUBLIC, CURRENT_PRIVATE = read_key("p256_public.pem"), read_key("p256_private.pem")
_old = ec.generate_private_key(ec.SECP256R1())
OLD_PRIVATE = _old.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()
OLD_PUBLIC = _old.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
).decode()


# the current key and its id
BASE = {
    "FSA_AUTH": ["token", "none"],
    "FSA_TOKEN_TYPE": "jwt",
    "FSA_TOKEN_ALGO": "ES256",
    "FSA_TOKEN_SECRET": CURRENT_PUBLIC,
    "FSA_TOKEN_SIGN": CURRENT_PRIVATE,
    "FSA_TOKEN_KID": "2026-11",
    "FSA_REALM": REALM,
}


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    # the previous key, still accepted, from the environment as other secrets may be
    config = dict(BASE, FSA_TOKEN_KEYS={"2026-10": {"env": "KID_TEST_OLD_KEY"}})
    auth = Auth.start(tmp_path_factory, config, env={"KID_TEST_OLD_KEY": OLD_PUBLIC})
    yield auth
    assert auth.stop() == 0


def token(key, kid=None):
    claims = {"exp": int(time.time()) + 600, "sub": "calvin", "aud": REALM}
    return secret(jwt.encode(claims, key, algorithm="ES256", headers={"kid": kid} if kid else None))


def bearer(value):
    return {"Authorization": "Bearer " + value}


def assert_invalid_token(r):
    assert r.status_code == 401, (r.status_code, r.text)
    assert challenges(r) == [f'Bearer realm="{REALM}", error="invalid_token"']
    assert r.text == "invalid token"


def test_old_key_accepted_under_its_kid(srv):
    assert srv.get("/me", headers=bearer(token(OLD_PRIVATE, "2026-10"))).text == "calvin"
    assert srv.get("/me", headers=bearer(token(CURRENT_PRIVATE, "2026-11"))).text == "calvin"


def test_unknown_kid_refused(srv):
    assert_invalid_token(srv.get("/me", headers=bearer(token(CURRENT_PRIVATE, "2026-09"))))
    assert_invalid_token(srv.get("/me", headers=bearer(token(CURRENT_PRIVATE, "../../2026-11"))))


def test_kid_selects_one_key(srv):
    # a valid signature by a configured key, but not the key its kid names
    assert_invalid_token(srv.get("/me", headers=bearer(token(OLD_PRIVATE, "2026-11"))))
    assert_invalid_token(srv.get("/me", headers=bearer(token(CURRENT_PRIVATE, "2026-10"))))


def test_no_kid_uses_the_current_key(srv):
    assert srv.get("/me", headers=bearer(token(CURRENT_PRIVATE))).text == "calvin"
    assert_invalid_token(srv.get("/me", headers=bearer(token(OLD_PRIVATE))))


def test_created_token_carries_the_current_kid(srv):
    created = srv.token(headers=bearer(token(OLD_PRIVATE, "2026-10")))
    assert jwt.get_unverified_header(created) == {"alg": "ES256", "kid": "2026-11", "typ": "JWT"}
    assert jwt.decode(created, CURRENT_PUBLIC, algorithms=["ES256"], audience=REALM)["sub"] == "calvin"
    assert srv.get("/me", headers=bearer(created)).text == "calvin"


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"FSA_TOKEN_KEYS": {"rsa": read_key("rsa2048_public.pem")}}, 'FSA_TOKEN_KEYS key "rsa"'),
        ({"FSA_TOKEN_KEYS": {"2026-11": OLD_PUBLIC}}, "FSA_TOKEN_KID"),
        ({"FSA_TOKEN_KID": ""}, "FSA_TOKEN_KID"),
        ({"FSA_TOKEN_ALGO": "HS256", "FSA_TOKEN_SECRET": "x" * 32, "FSA_TOKEN_SIGN": None,
          "FSA_TOKEN_KEYS": {"old": "short"}}, 'FSA_TOKEN_KEYS key "old" is too short'),
        ({"FSA_TOKEN_TYPE": "fsa", "FSA_TOKEN_ALGO": None, "FSA_TOKEN_SECRET": "x" * 32, "FSA_TOKEN_SIGN": None},
         "fsa tokens have no key id"),
    ],
    ids=["wrong-key-type", "current-kid-listed", "empty-kid", "short-hmac-key", "fsa-tokens"],
)
def test_startup_refusal(tmp_path, changes, expected):
    config = dict(BASE, **changes)
    code, out, err = run_refused(tmp_path, {k: v for k, v in config.items() if v is not None})
    assert code == 2, (code, out, err)
    assert "listening" not in out
    assert expected in err, err
