#!/usr/bin/python3
"""Verifies hashes made by SimpleAuth with the Python libraries upstream (FlaskSimpleAuth) uses.

Used by password_python_interop_test.cpp with Debian's /usr/bin/python3. Reads a file of lines
"<kind> <password hex> <hash hex>" (argv[1]) and prints one line per case: "ok" when the library
verifies the password against the hash, "no" otherwise (including an exception). Exits 77 when a
module is missing, so that the test can skip.
"""
import base64
import sys

try:
    import argon2
    import bcrypt
    import passlib.hash
    import scrypt
except ImportError as e:
    print("missing module: %s" % e)
    sys.exit(77)


def upstream_scrypt(pw, h):
    # As upstream's fsa:scrypt check, with its maxtime.
    data = scrypt.decrypt(base64.a85decode(h), pw, maxtime=0.075)
    return data.endswith("FlaskSimpleAuth!")


CHECKS = {
    "argon2-cffi": lambda pw, h: argon2.PasswordHasher().verify(h, pw),
    "passlib-argon2": lambda pw, h: passlib.hash.argon2.verify(pw, h),
    "bcrypt": lambda pw, h: bcrypt.checkpw(pw, h.encode("ascii")),
    "passlib-bcrypt": lambda pw, h: passlib.hash.bcrypt.verify(pw, h),
    "passlib-sha512_crypt": lambda pw, h: passlib.hash.sha512_crypt.verify(pw, h),
    "py-scrypt": upstream_scrypt,
    "b64": lambda pw, h: base64.b64decode(h, validate=True) == pw,
    "a85": lambda pw, h: base64.a85decode(h) == pw,
}

with open(sys.argv[1]) as f:
    for line in f:
        kind, pw_hex, hash_hex = line.split()
        try:
            ok = CHECKS[kind](bytes.fromhex(pw_hex), bytes.fromhex(hash_hex).decode("ascii"))
        except Exception:
            ok = False
        print("ok" if ok else "no")
