#!/usr/bin/python3
"""Generates tests/unit/testdata/passwords_golden.json: password hashes made by the Python libraries
upstream (FlaskSimpleAuth) relies on, for the C++ interop tests of src/passwords.

Run once with Debian's interpreter and packages (python3-argon2 21.1, python3-passlib 1.7.4,
python3-bcrypt 3.2.2, python3-scrypt 0.8.20), not the pyenv one:
    /usr/bin/python3 tests/unit/testdata/generate_passwords_golden.py
The output is committed; the C++ tests never need Python to read it. Salts are random, so re-running
changes every hash (they all remain valid).
"""
import base64
import json
import os
import sys

import argon2
import argon2.low_level
import bcrypt
import passlib
import passlib.hash
import scrypt

HERE = os.path.dirname(os.path.abspath(__file__))

PASSWORDS = [
    "hello",
    "correct horse battery staple",
    "p\u00e4ssword",             # NFC
    "pa\u0308ssword",            # NFD: a different password (REQ-PWD-06)
    "\u65e5\u672c\u8a9e\u30d1\u30b9\u30ef\u30fc\u30c9",
    "emoji \U0001F600 & tab\t!",
]
WRONG = "not the password"


def hx(text):
    return text.encode("utf-8").hex()


def case(scheme, password, hash_, **extra):
    return dict(scheme=scheme, password_hex=hx(password), hash=hash_, **extra)


def upstream_scrypt(password, maxtime):
    # As upstream's fsa:scrypt: a85(scrypt.encrypt(a85(16 random bytes) + "FlaskSimpleAuth!", password)).
    data = base64.a85encode(os.urandom(16)) + b"FlaskSimpleAuth!"
    return base64.a85encode(scrypt.encrypt(data, password, maxtime=maxtime)).decode("ascii")


def hashes():
    out = []
    # argon2-cffi: its defaults (21.1: t=2, m=102400, p=8, 16-byte hash) and upstream's fsa:argon2.
    default = argon2.PasswordHasher()
    out.append(case("argon2", "hello", default.hash("hello"), origin="argon2-cffi default"))
    upstream = argon2.PasswordHasher(memory_cost=1000, time_cost=1, parallelism=1)
    for p in PASSWORDS:
        out.append(case("argon2", p, upstream.hash(p), origin="argon2-cffi m=1000,t=1,p=1 (upstream fsa:argon2)"))
    for name, type_ in (("argon2i", argon2.low_level.Type.I), ("argon2d", argon2.low_level.Type.D)):
        h = argon2.low_level.hash_secret(b"hello", os.urandom(16), time_cost=2, memory_cost=256, parallelism=2,
                                         hash_len=24, type=type_).decode("ascii")
        out.append(case("argon2", "hello", h, origin="argon2-cffi low_level " + name))
    # passlib: bcrypt with its defaults ($2b$, 12 rounds), with upstream's passlib options ($2y$, 4).
    out.append(case("bcrypt", "hello", passlib.hash.bcrypt.hash("hello"), origin="passlib bcrypt default"))
    out.append(case("bcrypt", "hello", passlib.hash.bcrypt.using(ident="2y").hash("hello"),
                    origin="passlib bcrypt 2y default rounds"))
    upstream_bcrypt = passlib.hash.bcrypt.using(rounds=4, ident="2y")
    for p in PASSWORDS:
        out.append(case("bcrypt", p, upstream_bcrypt.hash(p), origin="passlib bcrypt 2y rounds=4 (upstream passlib)"))
    out.append(case("bcrypt", "hello", bcrypt.hashpw(b"hello", bcrypt.gensalt(rounds=4, prefix=b"2b")).decode(),
                    origin="bcrypt 2b rounds=4 (upstream fsa:bcrypt)"))
    out.append(case("bcrypt", "hello", bcrypt.hashpw(b"hello", bcrypt.gensalt(rounds=4, prefix=b"2a")).decode(),
                    origin="bcrypt 2a rounds=4"))
    # passlib sha512_crypt: default (656000 rounds) and the cheapest allowed.
    out.append(case("sha512crypt", "hello", passlib.hash.sha512_crypt.hash("hello"),
                    origin="passlib sha512_crypt default"))
    for p in PASSWORDS:
        out.append(case("sha512crypt", p, passlib.hash.sha512_crypt.using(rounds=5000).hash(p),
                        origin="passlib sha512_crypt rounds=5000"))
    # passlib argon2 (argon2-cffi backend): defaults, and small parameters.
    out.append(case("argon2", "hello", passlib.hash.argon2.hash("hello"), origin="passlib argon2 default"))
    for p in PASSWORDS:
        out.append(case("argon2", p, passlib.hash.argon2.using(memory_cost=512, rounds=1, parallelism=1).hash(p),
                        origin="passlib argon2 m=512,t=1,p=1"))
    # py-scrypt in upstream's container: upstream's maxtime once, then a cheaper one.
    out.append(case("scrypt", "hello", upstream_scrypt("hello", 0.05), origin="py-scrypt maxtime=0.05 (upstream)"))
    for p in PASSWORDS:
        out.append(case("scrypt", p, upstream_scrypt(p, 0.005), origin="py-scrypt maxtime=0.005"))
    # Upstream's legacy schemes.
    for p in PASSWORDS + ["", "\u0000\u0000\u0000\u0000z", "a", "ab", "abc", "abcd", "abcde", "\u00ff\u00fe"]:
        out.append(case("b64", p, base64.b64encode(p.encode("utf-8")).decode("ascii"), origin="base64.b64encode"))
        out.append(case("a85", p, base64.a85encode(p.encode("utf-8")).decode("ascii"), origin="base64.a85encode"))
        out.append(case("plaintext", p, p, origin="identity"))
    return out


def a85_decodings():
    # Python's decoder on unusual input: whitespace, 'z', short tails, overflow, bad characters.
    texts = ["", "z", "zz", "!", "!!", "87cURD]i,\"Ebo80", "87cU RD]i\n,\"Ebo80", "s8W-!", "s8W-\"", "uuuuu",
             "uu", "!!!!z", "!z!!!", "~>", "<~87cURD~>", "87cURD]i,\"Ebo8", "87cURD]i,\"Ebo", "v", "\u00e9", "y"]
    out = []
    for t in texts:
        try:
            decoded = base64.a85decode(t.encode("utf-8")).hex()
        except ValueError:
            decoded = None
        out.append({"text_hex": hx(t), "bytes_hex": decoded})
    return out


def main():
    golden = {
        "generator": "Debian python %s: argon2-cffi %s, passlib %s, bcrypt %s, py-scrypt 0.8.20" % (
            sys.version.split()[0], argon2.__version__, passlib.__version__, bcrypt.__version__),
        "wrong_password_hex": hx(WRONG),
        "hashes": hashes(),
        "a85_decode": a85_decodings(),
    }
    with open(os.path.join(HERE, "passwords_golden.json"), "w") as f:
        json.dump(golden, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
