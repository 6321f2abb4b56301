"""Black-box tests of token authentication in tests/http/auth_server: upstream's fsa tokens (made and
checked here with hashlib, fsa-behaviour §5.1) and JWT (made and checked here with PyJWT), HS* and,
when the core loads public keys, RS256, ES256 and EdDSA. Carriers and oauth: test_auth_carriers.py."""

import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from auth_helpers import (
    Auth,
    challenges,
    find_leaks,
    fsa_limit,
    fsa_signature,
    fsa_token,
    secret,
    utcnow,
)

FSA_SECRET = secret("fsa token secret for the tests 0123456789")
FSA_SECRET2 = secret("another fsa token secret for the tests 9876543210")
JWT_SECRET = secret("JWT HMAC secret of test_auth_tokens.py, long enough for HS512 0123456789 abcdefghijkl")
KEYS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "testdata", "jwt_keys")


def served(factory, config):
    auth = Auth.start(factory, config)
    yield auth
    assert auth.stop() == 0


def bearer(token):
    return {"Authorization": "Bearer " + token}


def assert_invalid_token(r, realm, token=None, message="invalid token"):
    """A 401 for a presented but refused token (RFC 6750 §3.1), never echoing it."""
    assert r.status_code == 401, (r.status_code, r.text)
    assert challenges(r) == [f'Bearer realm="{realm}", error="invalid_token"']
    assert r.text == message
    if token:
        for part in re.split(r"[:.]", token):
            if len(part) >= 16:
                assert part not in r.text and part not in str(r.headers)


# --- fsa tokens ---------------------------------------------------------------------------------

FSA_REALM = "Auth Test!"  # simplified to Auth-Test in fsa tokens


@pytest.fixture(scope="module")
def fsa_srv(tmp_path_factory):
    yield from served(
        tmp_path_factory, {"FSA_AUTH": ["token", "none"], "FSA_TOKEN_SECRET": FSA_SECRET, "FSA_REALM": FSA_REALM}
    )


@pytest.fixture(scope="module")
def fsa2_srv(tmp_path_factory):
    yield from served(
        tmp_path_factory,
        {
            "FSA_AUTH": ["token", "none"],
            "FSA_TOKEN_SECRET": FSA_SECRET2,
            "FSA_TOKEN_ALGO": "sha256",
            "FSA_TOKEN_LENGTH": 32,
            "FSA_TOKEN_ISSUER": "self",
            "FSA_TOKEN_GRACE": 2,
        },
    )


def test_fsa_upstream_worked_example():
    # fsa-behaviour §5.1: the formula of these tests is upstream's
    data = "Test:calvin:20991231235959"
    assert fsa_signature(data, "FSA acceptance secret 0123456789") == "462a38d88a8790853091eb6cbbd3a825"
    data = "Test/self:foo:20991231235959"
    assert fsa_signature(data, "FSA acceptance secret 0123456789") == "ac1726e920cb13ee950fff12ef8ba7e4"


def test_fsa_token_made_here_is_accepted(fsa_srv):
    token = fsa_token("calvin", FSA_SECRET, realm="Auth-Test")
    assert fsa_srv.get("/me", headers=bearer(token)).text == "calvin"
    assert fsa_srv.get("/open", headers=bearer(token)).text == "calvin"
    assert fsa_srv.get("/admin", headers=bearer(token)).text == "calvin"
    susie = fsa_token("susie", FSA_SECRET, realm="Auth-Test", limit="20991231235959")
    assert fsa_srv.get("/me", headers=bearer(susie)).text == "susie"
    assert fsa_srv.get("/admin", headers=bearer(susie)).status_code == 403


def test_fsa_bearer_scheme_is_case_insensitive(fsa_srv):
    token = fsa_token("calvin", FSA_SECRET, realm="Auth-Test")
    for scheme in ("bearer", "BEARER"):
        assert fsa_srv.get("/me", headers={"Authorization": f"{scheme} {token}"}).text == "calvin"


def test_fsa_token_from_server_follows_upstream_formula(fsa_srv):
    before = utcnow()
    token = fsa_srv.token(headers=bearer(fsa_token("calvin", FSA_SECRET, realm="Auth-Test")))
    after = utcnow()
    m = re.fullmatch(r"Auth-Test:calvin:(\d{14}):([0-9a-f]{32})", token)
    assert m, token
    assert fsa_signature(token.rsplit(":", 1)[0], FSA_SECRET) == m.group(2)
    limit = fsa_limit(token)
    assert before + datetime.timedelta(minutes=60) <= limit <= after + datetime.timedelta(minutes=60)
    assert fsa_srv.get("/me", headers=bearer(token)).text == "calvin"


def test_fsa_token_cannot_carry_scopes(fsa_srv):
    r = fsa_srv.get("/token", headers=bearer(fsa_token("calvin", FSA_SECRET, realm="Auth-Test")),
                    params={"scope": "read"})
    assert r.status_code >= 400  # fsa tokens have no scopes: an error, never a token without them
    assert r.status_code != 200


def fsa_variants():
    good = fsa_token("calvin", FSA_SECRET, realm="Auth-Test")
    realm, user, limit, sig = good.split(":")
    flipped = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    yield "bad-signature", f"{realm}:{user}:{limit}:{flipped}"
    yield "uppercase-signature", f"{realm}:{user}:{limit}:{sig.upper()}"
    yield "short-signature", f"{realm}:{user}:{limit}:{sig[:30]}"
    yield "other-user", f"{realm}:susie:{limit}:{sig}"
    yield "other-limit", f"{realm}:{user}:20991231235959:{sig}"
    yield "wrong-secret", fsa_token("calvin", "not the secret", realm="Auth-Test")
    yield "other-realm", fsa_token("calvin", FSA_SECRET, realm="Other")
    yield "unsimplified-realm", fsa_token("calvin", FSA_SECRET, realm=FSA_REALM)
    yield "unexpected-issuer", fsa_token("calvin", FSA_SECRET, realm="Auth-Test", issuer="self")
    yield "sha256", fsa_token("calvin", FSA_SECRET, realm="Auth-Test", algo="sha256")
    yield "five-fields", f"{realm}:{user}:x:{limit}:{sig}"
    yield "three-fields", f"{realm}:{limit}:{sig}"
    yield "invalid-date", fsa_token("calvin", FSA_SECRET, realm="Auth-Test", limit="20991341235959")
    yield "empty", ""


@pytest.mark.parametrize("name, token", list(fsa_variants()), ids=[n for n, _ in fsa_variants()])
def test_fsa_bad_token(fsa_srv, name, token):
    secret(token) if len(token) > 20 else None
    r = fsa_srv.get("/me", headers={"Authorization": "Bearer " + token} if token else {"Authorization": "Bearer"})
    if not token:
        assert r.status_code == 401
        return
    assert_invalid_token(r, "Auth-Test", token)


@pytest.mark.parametrize("limit", ["2099123123595x", "209912312359", "20991231235959000"])
def test_fsa_bad_limit_format(fsa_srv, limit):
    token = secret(f"Auth-Test:calvin:{limit}:{fsa_signature('Auth-Test:calvin:' + limit, FSA_SECRET)}")
    r = fsa_srv.get("/me", headers=bearer(token))
    assert r.status_code in (400, 401), r.text  # upstream: 400 for non-digits
    assert "2099" not in r.text


def test_fsa_expired(fsa_srv):
    token = fsa_token("calvin", FSA_SECRET, realm="Auth-Test", minutes=-1)
    assert_invalid_token(fsa_srv.get("/me", headers=bearer(token)), "Auth-Test", token, "expired token")
    token = fsa_token("calvin", FSA_SECRET, realm="Auth-Test", limit="20000101000000")
    assert_invalid_token(fsa_srv.get("/me", headers=bearer(token)), "Auth-Test", token, "expired token")


def test_fsa_missing_token(fsa_srv):
    for headers in ({}, {"Authorization": "Basic Y2FsdmluOmhvYmJlcy0x"}, {"Authorization": "Token abc"}):
        r = fsa_srv.get("/me", headers=headers)
        assert (r.status_code, r.text) == (401, "missing token")
        assert challenges(r) == ['Bearer realm="Auth-Test"']


def test_fsa_open_route_ignores_bad_token(fsa_srv):
    token = fsa_token("calvin", "not the secret", realm="Auth-Test")
    assert fsa_srv.get("/open", headers=bearer(token)).text == "-"


def test_fsa_sha256_length_issuer(fsa2_srv):
    token = fsa_token("calvin", FSA_SECRET2, issuer="self", algo="sha256", length=32)
    assert len(token.split(":")[3]) == 64
    assert fsa2_srv.get("/me", headers=bearer(token)).text == "calvin"
    issued = fsa2_srv.token(headers=bearer(token))
    m = re.fullmatch(r"auth-test/self:calvin:(\d{14}):([0-9a-f]{64})", issued)
    assert m, issued
    assert fsa_signature(issued.rsplit(":", 1)[0], FSA_SECRET2, "sha256", 32) == m.group(2)
    assert fsa2_srv.get("/me", headers=bearer(issued)).text == "calvin"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"algo": "sha256", "length": 32},  # no issuer
        {"issuer": "other", "algo": "sha256", "length": 32},
        {"issuer": "self", "length": 32},  # blake2s
        {"issuer": "self", "algo": "sha256"},  # 16 bytes
    ],
    ids=["no-issuer", "other-issuer", "blake2s", "length-16"],
)
def test_fsa2_bad_token(fsa2_srv, kwargs):
    token = fsa_token("calvin", FSA_SECRET2, **kwargs)
    assert_invalid_token(fsa2_srv.get("/me", headers=bearer(token)), "auth-test", token)


def test_fsa_grace(fsa2_srv):
    late = fsa_token("calvin", FSA_SECRET2, issuer="self", algo="sha256", length=32, minutes=-1)
    assert fsa2_srv.get("/me", headers=bearer(late)).text == "calvin"
    too_late = fsa_token("calvin", FSA_SECRET2, issuer="self", algo="sha256", length=32, minutes=-3)
    assert_invalid_token(fsa2_srv.get("/me", headers=bearer(too_late)), "auth-test", too_late, "expired token")


# --- JWT, HMAC ----------------------------------------------------------------------------------

JWT_REALM = "JWT Realm"  # the audience, not simplified
JWT_CASES = [("HS256", None, 0), ("HS384", "jwt-issuer", 1), ("HS512", "jwt-issuer", 0)]  # alg, issuer, grace


@pytest.fixture(scope="module", params=JWT_CASES, ids=[a for a, _, _ in JWT_CASES])
def hs(request, tmp_path_factory):
    alg, issuer, grace = request.param
    config = {
        "FSA_AUTH": ["token", "none"],
        "FSA_TOKEN_TYPE": "jwt",
        "FSA_TOKEN_ALGO": alg,
        "FSA_TOKEN_SECRET": JWT_SECRET,
        "FSA_REALM": JWT_REALM,
    }
    if issuer:
        config["FSA_TOKEN_ISSUER"] = issuer
    if grace:
        config["FSA_TOKEN_GRACE"] = grace
    auth = Auth.start(tmp_path_factory, config)
    auth.alg, auth.issuer, auth.grace, auth.key, auth.verify_key = alg, issuer, grace, JWT_SECRET, JWT_SECRET
    yield auth
    assert auth.stop() == 0


def claims(srv, **changes):
    c = {"exp": int(time.time()) + 600, "sub": "calvin", "aud": JWT_REALM}
    if srv.issuer:
        c["iss"] = srv.issuer
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def make_jwt(srv, key=None, alg=None, **changes):
    return secret(jwt.encode(claims(srv, **changes), srv.key if key is None else key, algorithm=alg or srv.alg))


def unsigned_jwt(payload, alg="none"):
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
    return secret(f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(payload)}.")


def hmac_jwt(payload, key, alg="HS256"):
    """A JWT signed by hand (PyJWT refuses PEM keys as HMAC secrets)."""
    enc = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    signing = enc(json.dumps({"alg": alg, "typ": "JWT"}).encode()) + "." + enc(json.dumps(payload).encode())
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    return secret(signing + "." + enc(hmac.new(key.encode(), signing.encode(), digest).digest()))


def test_jwt_made_by_pyjwt_is_accepted(hs):
    assert hs.get("/me", headers=bearer(make_jwt(hs))).text == "calvin"
    assert hs.get("/me", headers=bearer(make_jwt(hs, aud=["other", JWT_REALM]))).text == "calvin"
    assert hs.get("/me", headers=bearer(make_jwt(hs, nbf=int(time.time()) - 10, iat=int(time.time())))).text \
        == "calvin"
    assert hs.get("/me", headers=bearer(make_jwt(hs, sub="hobbes", scope="a b"))).text == "hobbes"


def test_jwt_issued_decodes_in_pyjwt(hs):
    before = int(time.time())
    token = hs.token(headers=bearer(make_jwt(hs)))
    after = int(time.time())
    header = jwt.get_unverified_header(token)
    assert header == {"alg": hs.alg, "typ": "JWT"}
    payload = jwt.decode(token, hs.verify_key, algorithms=[hs.alg], audience=JWT_REALM, issuer=hs.issuer)
    assert payload["sub"] == "calvin"
    assert payload["aud"] == JWT_REALM
    assert before + 3600 <= payload["exp"] <= after + 3600
    # upstream's claims in upstream's order, then SimpleAuth's iat (for revocation hooks)
    assert list(payload) == ["exp", "sub", "aud"] + (["iss"] if hs.issuer else []) + ["iat"]
    assert before <= payload["iat"] <= after
    assert hs.get("/me", headers=bearer(token)).text == "calvin"
    scoped = hs.token(headers=bearer(token), scope="a b")
    payload = jwt.decode(scoped, hs.verify_key, algorithms=[hs.alg], audience=JWT_REALM, issuer=hs.issuer)
    assert payload["scope"] == "a b"
    assert list(payload)[-2:] == ["scope", "iat"]


def jwt_variants(srv):
    now = int(time.time())
    other_hs = "HS256" if srv.alg != "HS256" else "HS512"
    yield "alg-none", unsigned_jwt(claims(srv))
    yield "alg-None", unsigned_jwt(claims(srv), alg="None")
    yield "wrong-secret", make_jwt(srv, key="another secret for this test, quite long too 0123456789 abcdef")
    yield "other-hmac-alg", make_jwt(srv, alg=other_hs)
    yield "expired", make_jwt(srv, exp=now - 5 - 60 * srv.grace)
    yield "nbf-future", make_jwt(srv, nbf=now + 300)
    yield "iat-future", make_jwt(srv, iat=now + 300)
    yield "wrong-aud", make_jwt(srv, aud="Other Realm")
    yield "simplified-aud", make_jwt(srv, aud="JWT-Realm")
    yield "aud-list-without-realm", make_jwt(srv, aud=["a", "b"])
    yield "no-aud", make_jwt(srv, aud=None)
    yield "no-sub", make_jwt(srv, sub=None)
    yield "no-exp", make_jwt(srv, exp=None)
    tok = make_jwt(srv)
    head, body, sig = tok.split(".")
    yield "padded", secret(tok + "=")
    yield "tampered-payload", secret(head + "." + body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + sig)
    yield "two-segments", secret(head + "." + body)
    yield "four-segments", secret(tok + ".x")
    if srv.issuer:
        yield "wrong-iss", make_jwt(srv, iss="someone else")
        yield "no-iss", make_jwt(srv, iss=None)


VARIANT_NAMES = [
    "alg-none", "alg-None", "wrong-secret", "other-hmac-alg", "expired", "nbf-future", "iat-future", "wrong-aud",
    "simplified-aud", "aud-list-without-realm", "no-aud", "no-sub", "no-exp", "padded", "tampered-payload",
    "two-segments", "four-segments", "wrong-iss", "no-iss",
]


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_jwt_refused(hs, name):
    variants = dict(jwt_variants(hs))
    if name not in variants:
        pytest.skip("no issuer configured")
    token = variants[name]
    r = hs.get("/me", headers=bearer(token))
    assert_invalid_token(r, JWT_REALM, token, "expired token" if name == "expired" else "invalid token")


def test_jwt_any_issuer_without_configured_issuer(hs):
    if hs.issuer:
        pytest.skip("an issuer is configured")
    assert hs.get("/me", headers=bearer(make_jwt(hs, iss="anyone"))).text == "calvin"


def test_jwt_grace(hs):
    now = int(time.time())
    late = make_jwt(hs, exp=now - 30)
    early = make_jwt(hs, nbf=now + 30)
    for token in (late, early):
        r = hs.get("/me", headers=bearer(token))
        if hs.grace:
            assert r.text == "calvin"
        else:
            assert r.status_code == 401


def test_jwt_missing(hs):
    r = hs.get("/me")
    assert (r.status_code, r.text) == (401, "missing token")
    assert challenges(r) == [f'Bearer realm="{JWT_REALM}"']


# --- JWT, public keys ---------------------------------------------------------------------------


def read_key(name):
    with open(os.path.join(KEYS, name), encoding="ascii") as f:
        return f.read()


ASYM_CASES = [
    ("RS256", "rsa2048", lambda: rsa.generate_private_key(65537, 2048)),
    ("ES256", "p256", lambda: ec.generate_private_key(ec.SECP256R1())),
    ("EdDSA", "ed25519", ed25519.Ed25519PrivateKey.generate),
]


@pytest.fixture(scope="module", params=ASYM_CASES, ids=[a for a, _, _ in ASYM_CASES])
def pk(request, tmp_path_factory):
    alg, name, generate = request.param
    public, private = read_key(f"{name}_public.pem"), read_key(f"{name}_private.pem")
    config = {
        "FSA_AUTH": ["token", "none"],
        "FSA_TOKEN_TYPE": "jwt",
        "FSA_TOKEN_ALGO": alg,
        "FSA_TOKEN_SECRET": public,
        "FSA_TOKEN_SIGN": private,
        "FSA_REALM": JWT_REALM,
        "FSA_TOKEN_ISSUER": "pk-issuer",
    }
    try:
        auth = Auth.start(tmp_path_factory, config)
    except pytest.fail.Exception as e:
        if "not supported yet" in str(e):
            pytest.skip(f"the core does not load {alg} keys yet: {str(e).splitlines()[-1]}")
        raise
    other = generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    auth.alg, auth.issuer, auth.key, auth.verify_key, auth.public, auth.other = (
        alg, "pk-issuer", private, public, public, other
    )
    yield auth
    assert auth.stop() == 0


def test_pk_made_by_pyjwt_is_accepted(pk):
    assert pk.get("/me", headers=bearer(make_jwt(pk))).text == "calvin"


def test_pk_issued_decodes_in_pyjwt(pk):
    token = pk.token(headers=bearer(make_jwt(pk)), scope="x y")
    assert jwt.get_unverified_header(token) == {"alg": pk.alg, "typ": "JWT"}
    payload = jwt.decode(token, pk.public, algorithms=[pk.alg], audience=JWT_REALM, issuer="pk-issuer")
    assert (payload["sub"], payload["scope"]) == ("calvin", "x y")
    assert pk.get("/me", headers=bearer(token)).text == "calvin"


def test_pk_refused(pk):
    cases = {
        "other-key": make_jwt(pk, key=pk.other),
        "hmac-with-public-key": hmac_jwt(claims(pk), pk.public),
        "alg-none": unsigned_jwt(claims(pk)),
        "expired": make_jwt(pk, exp=int(time.time()) - 5),
        "wrong-aud": make_jwt(pk, aud="Other"),
        "wrong-iss": make_jwt(pk, iss="other"),
    }
    for name, token in cases.items():
        r = pk.get("/me", headers=bearer(token))
        assert r.status_code == 401, name
        assert challenges(r) == [f'Bearer realm="{JWT_REALM}", error="invalid_token"'], name


# --- nothing leaked -----------------------------------------------------------------------------


def test_zz_no_secret_in_responses_or_logs():
    assert find_leaks() == []
