#!/usr/bin/python3
"""Regenerates the golden interop data used by tests/unit/tokens and tests/unit/passwords.

Run once with Debian's interpreter (python3-jwt 2.6.0, python3-cryptography, python3-bcrypt 3.2.2),
not the pyenv one:
    /usr/bin/python3 tests/unit/testdata/generate_golden.py          # both files
    /usr/bin/python3 tests/unit/testdata/generate_golden.py jwt      # pyjwt_tokens.json only
The outputs are committed; the C++ tests never need Python for them.
bcrypt hashes use a random salt, so re-running changes them (they all remain valid). HS*, RS* and
EdDSA tokens are deterministic; PS* and ES* signatures are randomized, so those tokens change on each
run and the tests only verify them.
"""
import json
import os
import sys

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


# Public-key algorithms: (algorithm, key file prefix in jwt_keys/, claims). The private key signs,
# and PyJWT checks its own token with the public key before it is written.
JWT_KEY_CASES = [
    ("RS256", "rsa2048", {"exp": EXP, "sub": "rosalyn", "aud": "4ops", "iss": "god", "scope": "character"}),
    ("RS384", "rsa2048", {"exp": EXP, "sub": "calvin", "aud": "Test"}),
    ("RS512", "rsa2048", {"exp": EXP, "sub": "hobbes", "aud": "Test", "iss": "self"}),
    ("PS256", "rsa2048", {"exp": EXP, "sub": "susie", "aud": "My App!", "scope": "read write"}),
    ("PS384", "rsa2048", {"exp": EXP, "sub": "calvin", "aud": "Test"}),
    ("PS512", "rsa2048", {"exp": EXP, "sub": "calvin", "aud": "Test", "iss": "self"}),
    ("ES256", "p256", {"exp": EXP, "sub": "rosalyn", "aud": "4ops", "iss": "god", "scope": "character"}),
    ("ES384", "p384", {"exp": EXP, "sub": "calvin", "aud": "Test"}),
    ("ES512", "p521", {"exp": EXP, "sub": "hobbes", "aud": "Test", "iss": "self"}),
    ("EdDSA", "ed25519", {"exp": EXP, "sub": "susie", "aud": "My App!", "scope": "read write"}),
    ("EdDSA", "ed25519",
     {"exp": EXP, "sub": "J\u00e9r\u00f4me \U0001F600 \"q\" \\ /\t\x7f", "aud": "r\u00e9alm", "iss": "\u00e9"}),
]


def read_key(name):
    with open(os.path.join(HERE, "jwt_keys", name), encoding="ascii") as f:
        return f.read()


def jwt_golden():
    out = []
    for alg, secret, claims in JWT_CASES:
        token = jwt.encode(claims, secret, algorithm=alg)
        out.append({"alg": alg, "secret": secret, "claims": claims, "token": token})
    keyed = []
    for alg, key, claims in JWT_KEY_CASES:
        token = jwt.encode(claims, read_key(key + "_private.pem"), algorithm=alg)
        decoded = jwt.decode(token, read_key(key + "_public.pem"), algorithms=[alg], audience=claims["aud"])
        assert decoded == claims, (alg, decoded)
        keyed.append({"alg": alg, "key": key, "claims": claims, "token": token,
                      "deterministic": alg[:2] in ("RS", "Ed")})
    return {"generator": "PyJWT " + jwt.__version__, "tokens": out, "key_tokens": keyed}


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
    if sys.argv[1:] != ["jwt"]:
        write("bcrypt_hashes.json", bcrypt_golden())
