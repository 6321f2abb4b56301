"""demo-spec §5.8: /mfa, two-stage login with a temporary code or a TOTP code (demo-fsa.toml only).
Tokens travel in the AUTH parameter."""

import base64
import hashlib
import hmac
import os
import struct
import time

from conftest import BLA, FOO, FSA_FOO, FSA_FOO_MFA, start_demo


def totp(secret, digits=6, step=0):
    """RFC 6238 code of the current 30-second step (+ step), HMAC-SHA1, base32 secret padded with '='."""
    key = base64.b32decode(secret.upper() + "=" * ((8 - len(secret) % 8) % 8))
    counter = int(time.time() // 30) + step
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 10 ** digits
    return str(code).zfill(digits)


def test_secret_decoding():
    key = base64.b32decode("FOOSECRETFOOSECRET" + "=" * 6)
    assert key.hex() == "2b9d220a24995ce9105124"  # demo-spec §5.8


def stage1(demo, auth=FOO):
    r = demo.get("/mfa/login", auth=auth)
    assert r.status_code == 200, r.text
    token = r.json()
    assert token.startswith(f"mfa:{auth[0]}:")
    with open(os.path.join(demo.cwd, f"{auth[0]}_code.txt")) as f:
        return token, f.read()


def test_only_with_fsa_tokens(jwt_demo):
    assert jwt_demo.get("/mfa/login", auth=FOO).status_code == 404


def test_temporary_code(fsa_demo):
    token, code = stage1(fsa_demo)
    assert len(code) == 6 and code.isdigit()
    r = fsa_demo.post("/mfa/code", data={"AUTH": token, "code": code})
    assert r.status_code == 200, r.text
    final = r.json()
    assert final.startswith("demo:foo:")
    r = fsa_demo.get("/mfa/test", params={"AUTH": final})
    assert r.status_code == 200 and r.text == "MFA succeeded for foo!"
    assert fsa_demo.get("/stuff", params={"AUTH": final}).status_code == 200
    r = fsa_demo.post("/mfa/code", params={"AUTH": token, "code": code})  # used once only
    assert r.status_code == 401 and r.text == "invalid temporary code for foo"


def test_code_replaced_within_five_seconds(fsa_demo):
    token, first = stage1(fsa_demo)
    token2, second = stage1(fsa_demo)
    r = fsa_demo.post("/mfa/code", json={"AUTH": token2, "code": second})
    assert r.status_code == 200, r.text


def test_wrong_code_and_realms(fsa_demo):
    token, code = stage1(fsa_demo)
    wrong = str((int(code) + 1) % 10 ** 6).zfill(6)
    r = fsa_demo.post("/mfa/code", data={"AUTH": token, "code": wrong})
    assert r.status_code == 401 and r.text == "invalid temporary code for foo"
    # an mfa token is good for /mfa/code and /mfa/totp only; a demo token everywhere else
    assert fsa_demo.get("/stuff", params={"AUTH": token}).status_code == 401
    assert fsa_demo.get("/mfa/test", params={"AUTH": token}).status_code == 401
    assert fsa_demo.get("/mfa/test", params={"AUTH": FSA_FOO_MFA}).status_code == 401
    assert fsa_demo.post("/mfa/code", data={"AUTH": FSA_FOO, "code": code}).status_code == 401
    assert fsa_demo.get("/mfa/test", params={"AUTH": FSA_FOO}).text == "MFA succeeded for foo!"
    r = fsa_demo.post("/mfa/code", data={"AUTH": FSA_FOO_MFA})
    assert r.status_code == 400 and 'parameter "code" is missing' in r.text


def test_missing_credentials(fsa_demo):
    for method, path in (("POST", "/mfa/code"), ("POST", "/mfa/totp"), ("GET", "/mfa/test")):
        r = fsa_demo.call(method, path, auth=FOO)  # Basic is not accepted there
        assert r.status_code == 401 and r.text == "missing token"
        assert "WWW-Authenticate" not in r.headers
    r = fsa_demo.get("/mfa/login")
    assert r.status_code == 401 and r.text == "missing authorization header"
    assert fsa_demo.get("/mfa/login", params={"AUTH": FSA_FOO}).status_code == 401  # Basic only


def test_stage1_login_only(fsa_demo):
    r = fsa_demo.get("/mfa/login", auth=("foo@school.org", "bla"))
    assert r.status_code == 400 and r.text == "cannot set user code"


def test_code_file_stays_in_the_directory(fsa_demo):
    # the code file is named after the login: a login with a slash gets no code (upstream writes it)
    r = fsa_demo.post("/scare", data={"login": "../evil", "email": "evil@school.org", "pass": "pw",
                                      "secret": "EVILSECRETEVILSECR"})
    assert r.status_code == 201
    r = fsa_demo.get("/mfa/login", auth=("../evil", "pw"))
    assert r.status_code == 400 and r.text == "cannot set user code"
    assert not os.path.exists(os.path.join(fsa_demo.cwd, "..", "evil_code.txt"))


def test_totp(fsa_demo):
    token, _ = stage1(fsa_demo, BLA)
    otp = totp("BLASECRETBLASECRET")
    r = fsa_demo.post("/mfa/totp", data={"AUTH": token, "otp": otp})
    assert r.status_code == 200, r.text
    assert fsa_demo.get("/mfa/test", params={"AUTH": r.json()}).text == "MFA succeeded for bla!"
    r = fsa_demo.post("/mfa/totp", data={"AUTH": token, "otp": otp})
    assert r.status_code == 401 and r.text == "rejected OTP replay attack on bla"
    near = {totp("BLASECRETBLASECRET", step=s) for s in (-1, 0, 1)}
    wrong = next(c for c in (str(n).zfill(6) for n in range(10 ** 6)) if c not in near)
    r = fsa_demo.post("/mfa/totp", data={"AUTH": token, "otp": wrong})
    assert r.status_code == 401 and r.text == "invalid OTP code for bla"
    r = fsa_demo.post("/mfa/totp", data={"AUTH": token, "otp": otp + "0"})
    assert r.status_code == 401 and r.text == "invalid OTP code for bla"
    r = fsa_demo.post("/mfa/totp", data={"AUTH": token})
    assert r.status_code == 400 and 'parameter "otp" is missing' in r.text


def test_eight_digits():
    demo = start_demo("fsa", env={"OTP_DIGITS": "8"})
    try:
        token, code = stage1(demo)
        assert len(code) == 8 and code.isdigit()
        r = demo.post("/mfa/totp", data={"AUTH": token, "otp": totp("FOOSECRETFOOSECRET", digits=8)})
        assert r.status_code == 200, r.text
    finally:
        demo.server.stop()


def test_pending_code_blocks_stage1_after_five_seconds(fsa_demo):
    # demo-spec §9 quirk 8: a code is cleared by /mfa/code only; once 5 seconds old it blocks stage 1
    stage1(fsa_demo)
    time.sleep(5.5)
    r = fsa_demo.get("/mfa/login", auth=FOO)
    assert r.status_code == 400 and r.text == "cannot set user code"
