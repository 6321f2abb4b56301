#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: tests/fuzz/corpus/<target>/<name>.

Run once after changing the seeds (the output is committed). Only the Python standard library:
tokens are signed here with hmac/hashlib exactly as src/tokens does it, or taken from
tests/unit/testdata/pyjwt_tokens.json (PyJWT 2.6.0).
"""
import base64
import hashlib
import hmac
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "corpus")
SEP = b"\xff"


def b64(b):
    return base64.b64encode(b)


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=")


def write(target, seeds):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for i, s in enumerate(seeds):
        if isinstance(s, str):
            s = s.encode()
        with open(os.path.join(d, "seed-%03d" % i), "wb") as f:
            f.write(s)


# ---- basic_credentials -------------------------------------------------------------------------
basic = []
for cred in [b"user:pass", b"Aladdin:open sesame", b"calvin:hobbes-1", b"test:123\xc2\xa3", b"j\xc3\xa9r\xc3\xb4me:mot",
             b":", b"user:", b":pass", b"nocolon", b"a:b:c", b"user\x00:pass", b"u:\x7f", b"\xff\xfe:x",
             b"\xed\xa0\x80:surrogate", b"\xc0\xaf:overlong", b"\xf4\x90\x80\x80:beyond", b"x:" + b"p" * 100]:
    basic.append(b"Basic " + b64(cred))
basic += [b"Basic", b"Basic ", b" Basic x", b"basic dXNlcjpwYXNz", b"BASIC dXNlcjpwYXNz", b"Basic dXNlcjpwYXNz=",
          b"Basic dXNlcjpwYXN", b"Basic dXNl cjpwYXNz", b"Basic dXNlcjpwYXNz\r\n", b"Basic ====",
          b"Basic Zm9vOmJhcg==", b"Basic Zm9vOmJhcg=", b"Basic Zm9vOmJhch==", b"Bearer abc.def.ghi",
          b"Bearer abc~+/==", b"Bearer a\"b", b"Bearer ", b"Digest username=\"x\"", b"dXNlcjpwYXNz",
          b"\xe2\x82\xac", b"\xf0\x9f\x98\x80"]
write("basic_credentials_fuzz", basic)

# ---- jwt --------------------------------------------------------------------------------------
SECRET = b"a JWT secret of at least 32 bytes for the fuzzer"


def hs256(header, claims, secret=SECRET):
    signing = b64url(header) + b"." + b64url(claims)
    return signing + b"." + b64url(hmac.new(secret, signing, hashlib.sha256).digest())


H = b'{"alg":"HS256","typ":"JWT"}'
good = b'{"exp":4102444800,"sub":"calvin","aud":"acme"}'
jwt = []
M = lambda k: bytes([k])  # noqa: E731  mode byte: 0 HS256 token, 1 ES256 token, 2 claims, 3 header|claims,
#                           4 ES256 header|claims, 5 codecs, 6 sub|aud|iss|scope round trip
jwt.append(M(0) + hs256(H, good))
jwt.append(M(0) + hs256(H, b'{"exp":4102444800,"sub":"calvin","aud":["x","acme"],"iss":"issuer","scope":"a b"}'))
jwt.append(M(0) + hs256(H, b'{"exp":1,"sub":"calvin","aud":"acme"}'))
jwt.append(M(0) + hs256(b'{"alg":"none","typ":"JWT"}', good))
jwt.append(M(0) + b64url(b'{"alg":"none"}') + b"." + b64url(good) + b".")
jwt.append(M(0) + hs256(H, good)[:-1] + b"A")
jwt.append(M(0) + hs256(H, good) + b"=")
jwt.append(M(0) + b"a.b")
jwt.append(M(0) + b"a.b.c.d")
jwt.append(M(0) + b"..")
tokens = json.load(open(os.path.join(ROOT, "tests/unit/testdata/pyjwt_tokens.json")))
for t in tokens["tokens"][:3]:
    jwt.append(M(0) + t["token"].encode())
for t in tokens["key_tokens"]:
    if t["alg"] in ("ES256", "ES384", "RS256", "EdDSA"):
        jwt.append(M(1) + t["token"].encode())
for claims in [good, b'{"exp":4102444800.5,"sub":"calvin","aud":"acme","nbf":1,"iat":1}',
               b'{"exp":"tomorrow","sub":"x","aud":"acme"}', b'{"exp":4102444800,"sub":null,"aud":"acme"}',
               b'{"exp":4102444800,"sub":"x","aud":[]}', b'{"exp":1e400,"sub":"x","aud":"acme"}',
               b'{"exp":4102444800,"sub":"x","aud":"acme","exp":1}', b'{"exp":-9223372036854775809,"sub":"x","aud":"acme"}',
               b'{"exp":4102444800,"sub":"\\ud800","aud":"acme"}', b'[1,2]', b'{', b'',
               b'{"exp":4102444800,"sub":"x","aud":"acme","nbf":99999999999}']:
    jwt.append(M(2) + claims)
for header in [H, b'{"alg":"HS256"}', b'{"alg":"HS256","crit":["exp"]}', b'{"alg":"HS256","alg":"HS256"}',
               b'{"alg":"HS256","kid":"k","jku":"http://x"}', b'{"alg":"hs256"}', b'"alg"', b'{"alg":"HS256",}']:
    jwt.append(M(3) + header + SEP + good)
jwt.append(M(4) + b'{"alg":"ES256","typ":"JWT"}' + SEP + good)
jwt.append(M(4) + b'{"alg":"ES256","crit":[]}' + SEP + good)
for x in [b"", b"f", b"fo", b"foo", b"Zm9v", b"Zm9=", b"Zm8=", b"Zm9vYg==", b"Zm9vYh==", b"-_-_", b"+/+/", b"\x00\xff\xfe"]:
    jwt.append(M(5) + x)
for parts in [[b"calvin", b"acme", b"", b""], [b"j\xc3\xa9r\xc3\xb4me", b"acme", b"issuer", b"read write"],
              [b"x", b"", b"", b""], [b"\xff", b"acme", b"", b""], [b'"q" \\ \x00 \x7f', b"a\tb", b"i", b"s"]]:
    jwt.append(M(6) + SEP.join(parts))
write("jwt_fuzz", jwt)

# ---- fsa_token --------------------------------------------------------------------------------
FSA_SECRETS = [(b"an fsa token secret for the fuzzer", "blake2s", 16), (b"an fsa token secret for the fuzzer", "sha256", 32),
               (b"another secret", "md5", 8)]


def fsa(which, realm, user, limit):
    secret, algo, length = FSA_SECRETS[which]
    data = realm + b":" + user + b":" + limit
    return data + b":" + hashlib.new(algo, data + b":" + secret).digest()[:length].hex().encode()


fsa_seeds = []
for which in range(3):
    mode = bytes([which << 4])  # mode 0: a token under settings `which`
    fsa_seeds.append(mode + fsa(which, b"acme", b"calvin", b"20991231235959"))
    fsa_seeds.append(mode + fsa(which, b"acme", b"calvin", b"20200101000000"))  # expired
fsa_seeds += [b"\x00acme/issuer:calvin:20991231235959:00", b"\x00acme:calvin:2099123123595:00", b"\x00acme::20991231235959:",
              b"\x00:::", b"\x00acme:calvin:20991231235959", b"\x00acme:a:b:20991231235959:00",
              b"\x00" + fsa(0, b"acme", b"", b"20991231235959"), b"\x00" + fsa(0, b"other", b"calvin", b"20991231235959")]
for limit in [b"20991231235959", b"20240229000000", b"20230229000000", b"00000101000000", b"00010101000000",
              b"99991231235959", b"20241301000000", b"2024123124000", b"2024-12-31T00:", b"+0241231235959",
              b"19700101000000", b"20381231235959"]:
    fsa_seeds.append(b"\x01" + limit)
for epoch in [0, 1700000000, -62135596800, 253402300799, 2**31, -1]:
    fsa_seeds.append(b"\x02" + epoch.to_bytes(8, "little", signed=True))
for parts in [[b"acme", b"calvin", b"20991231235959"], [b"acme/issuer", b"j\xc3\xa9r\xc3\xb4me", b"20300101000000"],
              [b"acme", b"", b"20991231235959"], [b"", b"x", b"99991231235959"]]:
    fsa_seeds.append(b"\x03" + b"|".join(parts))
    fsa_seeds.append(b"\x13" + b"|".join(parts) + b"|\x05")
write("fsa_token_fuzz", fsa_seeds)

# ---- digest (RFC 7616 §3.9.1 and variations) ---------------------------------------------------
NONCE = b"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
CNONCE = b"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
OPAQUE = b"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"


def rfc(alg=b"MD5", response=b"8ca523f5e9506fed4657c9700eebdbec", username=b'username="Mufasa"', extra=b""):
    return (username + b', realm="http-auth@example.org", uri="/dir/index.html", algorithm=' + alg +
            b', nonce="' + NONCE + b'", nc=00000001, cnonce="' + CNONCE + b'", qop=auth, response="' + response +
            b'", opaque="' + OPAQUE + b'"' + extra)


digest = [rfc(), rfc(b"SHA-256", b"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
          rfc(b"sha-256"), rfc(b"MD5-sess"), rfc(b"SHA-512-256"), rfc(extra=b", userhash=true"),
          rfc(extra=b", userhash=maybe"), rfc(extra=b", unknown=1, ,  "), rfc(extra=b", realm=\"again\""),
          rfc(username=b"username*=UTF-8''J%C3%A4s%C3%B8n%20Doe"), rfc(username=b"username*=utf-8'en'x"),
          rfc(username=b'username*="UTF-8\'\'x"'), rfc(username=b"username*=ISO-8859-1''J%E4"),
          rfc(username=b'username="a\\"b\\\\c"'), rfc(username=b'username="tab\tin"'), rfc(username=b"username=token"),
          rfc(username=b'username="Mufasa", username*=UTF-8\'\'x'), rfc(username=b'USERNAME="Mufasa"'),
          rfc().replace(b"nc=00000001", b"nc=1"), rfc().replace(b"nc=00000001", b"nc=0000000g"),
          rfc().replace(b"qop=auth", b'qop="auth"'), rfc().replace(b"qop=auth", b"qop=auth-int"),
          rfc().replace(b", ", b","), rfc().replace(b", ", b" ,\t"), rfc().replace(b'uri="/dir/index.html"', b""),
          rfc() + b",", b",,," + rfc(), rfc()[:-1], rfc().replace(b'"Mufasa"', b'"Muf\x01asa"'),
          rfc().replace(b'"Mufasa"', b'"M\xc3\xbcfasa"'), b"", b"=", b'a="', b'a="\\', b"a=b", b"a", b"a=b c",
          b'username="x", realm="r", nonce="n", uri="/", response="r", qop=auth, nc=00000001, cnonce="c"']
write("digest_fuzz", digest)

# ---- params -----------------------------------------------------------------------------------


def req(method, path, query=b"", ctype=b"", cookie=b"", body=b""):
    return SEP.join([method, path, query, ctype, cookie, body])


FORM = b"application/x-www-form-urlencoded"
JSON = b"application/json"
MP = b"multipart/form-data; boundary=XyZ"
multipart = (b'--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n'
             b'--XyZ\r\nContent-Disposition: form-data; name="upload"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'
             b"line\r\nx\r\n--XyZ--\r\n")
params = [
    req(b"GET", b"/hello"), req(b"GET", b"/closed"), req(b"GET", b"/nowhere"), req(b"DELETE", b"/hello"),
    req(b"HEAD", b"/hello"), req(b"OPTIONS", b"/hello"), req(b"TRACE", b"/hello"),
    req(b"GET", b"/types", b"i=3&b=true&d=2.5&n=-7"), req(b"GET", b"/types", b"i=0x10&b=0&d=nan&n=99999999999999999999"),
    req(b"GET", b"/types", b"i=1&i=2"), req(b"GET", b"/types", b"i=%zz"), req(b"GET", b"/types", b"i=%00"),
    req(b"GET", b"/types", b"d=1e999&b=yes"), req(b"GET", b"/types", b"x=1"), req(b"GET", b"/types", b"i=+1_000"),
    req(b"POST", b"/store/1/product", b"", JSON, b"", b'{"product":"pen","quantity":3}'),
    req(b"POST", b"/store/1/product", b"", FORM, b"", b"product=pen&quantity=3"),
    req(b"POST", b"/store/x/product", b"", FORM, b"", b"product=pen&quantity=3"),
    req(b"POST", b"/store/1/product", b"product=a", JSON, b"", b'{"product":"pen","quantity":3}'),
    req(b"POST", b"/store/1/product", b"", JSON, b"", b'{"product":"pen","quantity":3.5}'),
    req(b"POST", b"/store/1/product", b"", JSON, b"", b'{"product":"pen","product":"x","quantity":3}'),
    req(b"POST", b"/store/1/product", b"", JSON, b"", b'[1,2]'),
    req(b"POST", b"/store/1/product", b"", JSON, b"", b"{" * 100),
    req(b"POST", b"/store/1/product", b"", b"application/json; charset=latin1", b"", b'{"product":"\xe9"}'),
    req(b"GET", b"/echo/a%20b", b"s=%C3%A9"), req(b"GET", b"/echo/%2F", b"s=%e3%a9"), req(b"GET", b"/echo/", b""),
    req(b"GET", b"/echo/a/b"), req(b"GET", b"/files/a/b/../c"), req(b"GET", b"//files///x"),
    req(b"GET", b"/j", b"j=%7B%22a%22%3A%20%5B1%2C2%5D%7D"), req(b"GET", b"/j", b"j=" + b"%5B" * 70),
    req(b"POST", b"/j", b"", JSON, b"", b'{"j": {"b": null}}'), req(b"POST", b"/json", b"", FORM, b"", b"j=%5B1%5D"),
    req(b"POST", b"/json", b"", JSON, b"", b'{"j": [1, 2, 3]}'), req(b"POST", b"/json", b"", JSON, b"", b'{"j": "\\ud800"}'),
    req(b"POST", b"/s", b"", JSON, b"", b'{"o": {"x": 1, "inner": {"y": 2, "tags": ["a"]}, "more": []}}'),
    req(b"POST", b"/s", b"", JSON, b"", b'{"o": {"x": "ten", "inner": {"tags": [1]}, "more": [{"y": 1}], "admin": true}}'),
    req(b"GET", b"/d", b"d=2024-02-29&t=1970-01-01T00:01:00&h=12:30:15.250"), req(b"GET", b"/d", b"d=2023-02-29"),
    req(b"GET", b"/d", b"d=+99999-01-01&t=9999-12-31T23:59:59.999999999-2359"),
    req(b"GET", b"/u/12345678123456781234567812345678"), req(b"GET", b"/u/{12345678-1234-5678-1234-567812345678}"),
    req(b"GET", b"/v", b"i=1&i=2&s=a"), req(b"GET", b"/v", b"i=x"), req(b"POST", b"/v", b"", JSON, b"", b'{"i": [1, "2"]}'),
    req(b"GET", b"/h", b"", b"", b"session=abc; n=4"), req(b"GET", b"/h", b"", b"", b"session=\"quoted\"; n=x; =; ;;"),
    req(b"POST", b"/up", b"", MP, b"", multipart), req(b"POST", b"/up", b"", MP, b"", multipart[:40]),
    req(b"POST", b"/up", b"", b"multipart/form-data", b"", multipart),
    req(b"GET", b"/k", b"a=1&x=2&n=3&x=4"), req(b"GET", b"/k", b"a=1&n=zz"), req(b"GET", b"/k", b"a=1&&=&n"),
]
write("params_fuzz", params)

# ---- config -----------------------------------------------------------------------------------
config = [open(os.path.join(ROOT, p), "rb").read() for p in
          ["examples/acme/acme.toml", "tests/conformance/app_t.toml", "tests/conformance/app_f.toml"]]
config += [b'FSA_AUTH = ["token", "basic"]\nFSA_TOKEN_DELAY = 30\nFSA_REALM = "acme"\n[acme]\ndatabase = "acme.db"\nport = 12\n',
           b"FSA_TOKEN_DELAI = 1\n", b'FSA_TOKEN_DELAY = "soon"\n', b"FSA_AUTH = 3\n", b'FSA_AUTH = "basic"\n',
           b'FSA_AUTH = ["basic", 1]\n', b'FSA_PASSWORD_OPTS = { rounds = 4, ident = "2b" }\n',
           b'FSA_PASSWORD_OPTS = { nested = { a = 1 } }\n', b'FSA_TOKEN_SECRET = { env = "HOME" }\n',
           b'FSA_TOKEN_SECRET = { env = "FUZZ_NO_SUCH_VARIABLE" }\n', b"FSA_TOKEN_SECRET = { env = 3 }\n",
           b"FSA_SECURE = true\nFSA_SECURE = false\n", b"FSA_TOKEN_DELAY = 1e400\n", b"FSA_TOKEN_DELAY = 9223372036854775808\n",
           b"FSA_TOKEN_DELAY = inf\n", b"FSA_TOKEN_DELAY = nan\n", b"FSA_TOKEN_DELAY = 0x7fffffffffffffff\n",
           b"[FSA_REALM]\nx = 1\n", b"a.b.c = 1\n[a]\n", b"x = [" * 50, b"x = {" * 50, b'x = """\n\\u0000\n"""\n',
           b"x = 1979-05-27T07:32:00Z\n", b"FSA_REALM = 1979-05-27\n", b"\xef\xbb\xbfFSA_REALM = \"bom\"\n",
           b'FSA_REALM = "\xff"\n', b"", b"=", b"[[a]]\n[[a]]\n", b'FSA_MODE = "prod"\nFSA_CACHE = "redis"\n',
           b'FSA_CORS_OPTS = { origins = "*" }\n', b"FSA_LOGGING_LEVEL = 10\n"]
write("config_fuzz", config)

# ---- http_adapter (the shapes of src/server/README.md) -------------------------------------------
# The last two bytes of each input steer the layout check (which field pointer to move, and where).
TAIL = b"\x00\x00"
http = [
    b"GET / HTTP/1.1\r\nHost: x\r\n",
    b"POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
    b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n",
    b"POST / HTTP/1.1\r\nTransfer-Encoding: CHUNKED \r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 6\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: +5\r\n", b"POST / HTTP/1.1\r\nContent-Length: 5x\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 5 5\r\n", b"POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: -1\r\n", b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 9999999999999999999\r\n", b"POST / HTTP/1.1\r\nContent-Length:  5\r\n",
    b"POST / HTTP/1.1\r\nContent-Length : 5\r\n", b"POST / HTTP/1.1\r\nContent-Length:\r\n",
    b"GET / HTTP/1.1\r\nX-A: a\r\n b\r\n", b"POST / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked\r\n",
    b"GET / HTTP/1.1\nHost: x\n", b"GET / HTTP/1.1\r\nHost: x\n", b"GET / HTTP/1.1\r\nX: a\rb\r\n",
    b"GET / HTTP/1.1\r\nX: a\x00b\r\n", b"GET / x HTTP/1.1\r\nHost: x\r\n", b"GET  / HTTP/1.1\r\nHost: x\r\n",
    b"GET /\xc3\xa9 HTTP/1.1\r\n", b"G(T / HTTP/1.1\r\n", b" / HTTP/1.1\r\n", b"GET ? HTTP/1.1\r\n",
    b"GET / HTTP/1.1\r\nX-Empty:\r\nX-Ws: \t \r\nHost: x\r\n", b"GET / HTTP/1.1\r\nX: trailing  \r\n",
    b"GET / HTTP/1.1\r\n: novalue\r\n", b"GET / HTTP/1.1\r\nX:\x7f\r\n", b"GET / HTTP/1.1\r\nX: tab\there\r\n",
]
write("http_adapter_fuzz", [h + TAIL for h in http] + [b"5", b"0", b"18446744073709551615"])
print("corpus written to", OUT)
