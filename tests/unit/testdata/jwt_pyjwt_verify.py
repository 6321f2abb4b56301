#!/usr/bin/python3
"""Verifies one JWT with PyJWT, for the C++ interop test (tokens made by SimpleAuth, checked upstream's way).

Usage: jwt_pyjwt_verify.py ALG KEY AUDIENCE [ISSUER] < token
KEY is a path to a PEM public key for RS/PS/ES/EdDSA, or the HMAC secret itself for HS*.
Prints the decoded claims as JSON and exits 0, or prints the PyJWT error and exits 1.
Exit 3 when PyJWT or python3-cryptography is missing, so the caller can skip instead of fail.
"""
import json
import sys

try:
    import cryptography  # noqa: F401  (PyJWT needs it for every non-HMAC algorithm)
    import jwt
except ImportError as e:
    print("missing module: %s" % e)
    sys.exit(3)


def main():
    alg, key, audience = sys.argv[1:4]
    issuer = sys.argv[4] if len(sys.argv) > 4 else None
    if not alg.startswith("HS"):
        with open(key, encoding="ascii") as f:
            key = f.read()
    token = sys.stdin.read().strip()
    try:
        claims = jwt.decode(token, key, algorithms=[alg], audience=audience, issuer=issuer,
                            options={"require": ["exp", "sub", "aud"]})
    except jwt.PyJWTError as e:
        print("%s: %s" % (type(e).__name__, e))
        return 1
    print(json.dumps({"header": jwt.get_unverified_header(token), "claims": claims}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
