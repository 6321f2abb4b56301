#!/usr/bin/python3
"""Regenerates the golden interop data used by tests/unit/tokens and tests/unit/passwords.

Run once with Debian's interpreter (python3-jwt 2.6.0, python3-bcrypt 3.2.2), not the pyenv one:
    /usr/bin/python3 tests/unit/testdata/generate_golden.py
The outputs are committed; the C++ tests never need Python.
bcrypt hashes use a random salt, so re-running changes them (they all remain valid).
"""
import json
import os

import bcrypt
import jwt

HERE = os.path.dirname(os.path.abspath(__file__))

# Far-future expiry (2100-01-01) so the tokens stay valid; the tests also pass their own `now`.
EXP = 4102444800

JWT_CASES = [
    # (algorithm, secret, claims in upstream's order: exp, sub, aud, iss?, scope?)
    ("HS256", "FSA acceptance JWT secret 0123456789",
     {"exp": EXP, "sub": "rosalyn", "aud": "4ops", "iss": "god", "scope": "character"}),
    ("HS256", "FSA acceptance JWT secret 0123456789", {"exp": EXP, "sub": "calvin", "aud": "Test"}),
    ("HS384", "a 48-byte secret for HS384 interop tests.........",
     {"exp": EXP, "sub": "hobbes", "aud": "Test", "iss": "self"}),
    ("HS512", "a 64-byte secret for HS512 interop tests, padded to length........",
     {"exp": EXP, "sub": "susie", "aud": "My App!", "scope": "read write"}),
    # Non-ASCII and characters JSON must escape: PyJWT's json.dumps escapes them as \uXXXX.
    ("HS256", "FSA acceptance JWT secret 0123456789",
     {"exp": EXP, "sub": "J\u00e9r\u00f4me \U0001F600 \"q\" \\ /\t\x7f", "aud": "r\u00e9alm", "iss": "\u00e9", "scope": "\u00e0 b"}),
]


def jwt_golden():
    out = []
    for alg, secret, claims in JWT_CASES:
        token = jwt.encode(claims, secret, algorithm=alg)
        out.append({"alg": alg, "secret": secret, "claims": claims, "token": token})
    return {"generator": "PyJWT " + jwt.__version__, "tokens": out}


BCRYPT_CASES = [
    # (prefix, rounds, password)
    ("2b", 4, "calvin-password"),
    ("2b", 10, "hobbes-password"),
    ("2a", 4, "susie-password"),
    ("2y", 4, "rosalyn-password"),
    ("2b", 4, "p\u00e4ssw\u00f6rd \U0001F511"),
    ("2a", 4, "p\u00e4ssw\u00f6rd \U0001F511"),
    ("2y", 5, "p\u00e4ssw\u00f6rd \U0001F511"),
    ("2b", 4, "a" * 72),
    ("2b", 4, ""),
]


def bcrypt_golden():
    out = []
    for prefix, rounds, password in BCRYPT_CASES:
        pw = password.encode("utf-8")
        if prefix == "2y":
            # python-bcrypt's gensalt only makes 2a/2b, but hashpw keeps a $2y$ salt's prefix
            # (2y and 2b are the same algorithm), so this is a genuine $2y$ hash from that library.
            salt = b"$2y$" + bcrypt.gensalt(rounds=rounds, prefix=b"2b")[4:]
        else:
            salt = bcrypt.gensalt(rounds=rounds, prefix=prefix.encode())
        hashed = bcrypt.hashpw(pw, salt).decode()
        assert hashed.startswith("$" + prefix + "$"), hashed
        assert bcrypt.checkpw(pw, hashed.encode())
        out.append({"password_hex": pw.hex(), "hash": hashed})
    return {"generator": "python3-bcrypt " + bcrypt.__version__, "hashes": out}


def write(name, data):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    write("pyjwt_tokens.json", jwt_golden())
    write("bcrypt_hashes.json", bcrypt_golden())
