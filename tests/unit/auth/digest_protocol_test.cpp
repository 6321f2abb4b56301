// HTTP Digest protocol: RFC 7616 worked examples, Python hashlib cross-check, parser edge cases, nonces.

#include "auth/digest_protocol.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tokens/hmac.hpp"

namespace d = simpleauth::detail;
using d::DigestAlgorithm;
using Check = d::DigestNonces::Check;

namespace {

// RFC 7616 §3.9.1
constexpr const char* rfc_nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr const char* rfc_cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
constexpr const char* rfc_opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

std::string rfc_header(const std::string& algorithm, const std::string& response) {
    // the RFC's header, on one line and without the "Digest " scheme prefix
    return std::string("username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=") +
           algorithm + ", nonce=\"" + rfc_nonce + "\", nc=00000001, cnonce=\"" + rfc_cnonce +
           "\", qop=auth, response=\"" + response + "\", opaque=\"" + rfc_opaque + "\"";
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0x0f]);
    }
    return out;
}

std::string run(const std::string& cmd) {
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
    if (!pipe) {
        return "";
    }
    char buf[512];
    std::string out;
    while (fgets(buf, sizeof buf, pipe.get()) != nullptr) {
        out += buf;
    }
    return out;
}

// A valid header with qop/nc/cnonce, for the parser tests to vary.
const std::vector<std::pair<std::string, std::string>> valid_fields = {
    {"username", "\"Mufasa\""},
    {"realm", "\"http-auth@example.org\""},
    {"nonce", "\"abc\""},
    {"uri", "\"/dir/index.html\""},
    {"response", "\"0123\""},
    {"qop", "auth"},
    {"nc", "00000001"},
    {"cnonce", "\"xyz\""},
    {"opaque", "\"op\""},
};

std::string join(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        out += (out.empty() ? "" : ", ") + name + "=" + value;
    }
    return out;
}

std::string with(const std::string& extra) {
    return join(valid_fields) + ", " + extra;
}

std::string replaced(const std::string& name, const std::string& value) {
    auto fields = valid_fields;
    for (auto& f : fields) {
        if (f.first == name) {
            f.second = value;
        }
    }
    return join(fields);
}

}  // namespace

// ---------------------------------------------------------------------------------------------- hashes, RFC 7616

TEST(DigestProtocol, HashHexKnownValues) {
    EXPECT_EQ(d::digest_hash_hex(DigestAlgorithm::md5, ""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(d::digest_hash_hex(DigestAlgorithm::sha256, "abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestProtocol, Rfc7616Md5Example) {
    auto c = d::parse_digest_authorization(rfc_header("MD5", "8ca523f5e9506fed4657c9700eebdbec"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "Mufasa");
    EXPECT_EQ(c->realm, "http-auth@example.org");
    EXPECT_EQ(c->uri, "/dir/index.html");
    EXPECT_EQ(c->nonce, rfc_nonce);
    EXPECT_EQ(c->cnonce, rfc_cnonce);
    EXPECT_EQ(c->opaque, rfc_opaque);
    EXPECT_EQ(c->nc, "00000001");
    EXPECT_EQ(c->qop, "auth");
    EXPECT_EQ(c->algorithm, DigestAlgorithm::md5);
    EXPECT_FALSE(c->userhash);
    std::string ha1 = d::digest_ha1(DigestAlgorithm::md5, "Mufasa", "http-auth@example.org", "Circle of Life");
    std::string expected = d::digest_expected_response(*c, ha1, "GET");
    EXPECT_EQ(expected, "8ca523f5e9506fed4657c9700eebdbec");
    EXPECT_TRUE(d::constant_time_equal(expected, c->response));
}

TEST(DigestProtocol, Rfc7616Sha256Example) {
    auto c = d::parse_digest_authorization(
        rfc_header("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->algorithm, DigestAlgorithm::sha256);
    std::string ha1 = d::digest_ha1(DigestAlgorithm::sha256, "Mufasa", "http-auth@example.org", "Circle of Life");
    EXPECT_EQ(d::digest_expected_response(*c, ha1, "GET"),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    // the wrong password or method gives another response
    EXPECT_NE(d::digest_expected_response(*c, ha1, "POST"), c->response);
    std::string bad = d::digest_ha1(DigestAlgorithm::sha256, "Mufasa", "http-auth@example.org", "Circle of life");
    EXPECT_NE(d::digest_expected_response(*c, bad, "GET"), c->response);
}

TEST(DigestProtocol, UserhashDefinition) {
    // RFC 7616 §3.4.4; the §3.9.2 example uses SHA-512-256, which we do not offer, so Python checks the values below
    EXPECT_EQ(d::digest_userhash(DigestAlgorithm::sha256, "Mufasa", "http-auth@example.org"),
              d::digest_hash_hex(DigestAlgorithm::sha256, "Mufasa:http-auth@example.org"));
}

TEST(DigestProtocol, ResponseMatchesPythonHashlib) {
    if (std::system("/usr/bin/python3 -c 'import hashlib' 2>/dev/null") != 0) {
        GTEST_SKIP() << "no /usr/bin/python3";
    }
    // the reference computation, written from the RFC independently of ours; arguments travel as hex so that any
    // byte (':' and non-ASCII included) reaches Python unharmed by the shell
    std::string cmd =
        "/usr/bin/python3 -c '\n"
        "import hashlib, sys\n"
        "a = sys.argv[1:]\n"
        "for i in range(0, len(a), 9):\n"
        "    alg = a[i]\n"
        "    u, r, p, m, uri, n, nc, cn = (bytes.fromhex(x) for x in a[i + 1:i + 9])\n"
        "    H = lambda b: hashlib.new(alg, b).hexdigest().encode()\n"
        "    ha1 = H(u + b\":\" + r + b\":\" + p)\n"
        "    ha2 = H(m + b\":\" + uri)\n"
        "    print(H(b\":\".join([ha1, n, nc, cn, b\"auth\", ha2])).decode(), H(u + b\":\" + r).decode())\n"
        "'";
    std::mt19937 rng(7616);
    auto random_string = [&](std::size_t max_len) {
        std::string s(std::uniform_int_distribution<std::size_t>(0, max_len)(rng), '\0');
        for (char& c : s) {
            c = static_cast<char>(std::uniform_int_distribution<int>(1, 255)(rng));
        }
        return s;
    };
    struct Case {
        DigestAlgorithm algorithm;
        std::string user, realm, password, method;
        d::DigestCredentials credentials;
    };
    std::vector<Case> cases;
    for (int i = 0; i < 24; ++i) {
        Case k;
        k.algorithm = i % 2 ? DigestAlgorithm::sha256 : DigestAlgorithm::md5;
        k.user = random_string(20);
        k.realm = random_string(20);
        k.password = random_string(40);
        k.method = i % 3 ? "GET" : "PROPFIND";
        k.credentials.algorithm = k.algorithm;
        k.credentials.uri = "/" + random_string(30);
        k.credentials.nonce = random_string(60);
        char nc[9];
        std::snprintf(nc, sizeof nc, "%08x", static_cast<unsigned>(rng()));
        k.credentials.nc = nc;
        k.credentials.cnonce = random_string(30);
        cmd += std::string(" ") + (k.algorithm == DigestAlgorithm::sha256 ? "sha256" : "md5");
        for (const std::string* s : {&k.user,
                                     &k.realm,
                                     &k.password,
                                     &k.method,
                                     &k.credentials.uri,
                                     &k.credentials.nonce,
                                     &k.credentials.nc,
                                     &k.credentials.cnonce}) {
            cmd += " '" + hex(*s) + "'";
        }
        cases.push_back(std::move(k));
    }
    std::string out = run(cmd);
    std::size_t pos = 0;
    for (const Case& k : cases) {
        std::size_t eol = out.find('\n', pos);
        ASSERT_NE(eol, std::string::npos) << "python output: " << out;
        std::string line = out.substr(pos, eol - pos);
        pos = eol + 1;
        std::string ha1 = d::digest_ha1(k.algorithm, k.user, k.realm, k.password);
        EXPECT_EQ(line,
                  d::digest_expected_response(k.credentials, ha1, k.method) + " " +
                      d::digest_userhash(k.algorithm, k.user, k.realm));
    }
    EXPECT_EQ(pos, out.size());
}

// ------------------------------------------------------------------------------------------------------ parser

TEST(DigestParser, MinimalValidAndDefaults) {
    auto c = d::parse_digest_authorization(join(valid_fields));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->algorithm, DigestAlgorithm::md5);  // absent means MD5
    EXPECT_FALSE(c->userhash);
    EXPECT_EQ(c->opaque, "op");
    // opaque is optional (the scheme compares it with ours)
    auto fields = valid_fields;
    fields.pop_back();
    auto no_opaque = d::parse_digest_authorization(join(fields));
    ASSERT_TRUE(no_opaque);
    EXPECT_EQ(no_opaque->opaque, "");
}

TEST(DigestParser, QuotedCommasEqualsAndEscapes) {
    auto c = d::parse_digest_authorization(replaced("uri", R"("/a,b?x=1,2&y=\"q\"")"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->uri, R"(/a,b?x=1,2&y="q")");
    c = d::parse_digest_authorization(replaced("username", R"("Mu\"fa\\sa\a, x")"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, R"(Mu"fa\saa, x)");  // a backslash quotes any character, here 'a'
    c = d::parse_digest_authorization(replaced("realm", R"("")"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->realm, "");
    c = d::parse_digest_authorization(replaced("username", "\"J\xc3\xa4s\xc3\xb8n\""));  // obs-text is fine
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "J\xc3\xa4s\xc3\xb8n");
}

TEST(DigestParser, WhitespaceCaseAndEmptyElements) {
    std::string s =
        " \t, USERNAME = \"u\" ,Realm=\t\"r\",, nonce=\"n\" , uri=\"/\",response=\"x\",\tqop=auth , nc=0000000A,"
        "cnonce=c , ,Algorithm=sha-256 ,  ";
    auto c = d::parse_digest_authorization(s);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "u");
    EXPECT_EQ(c->realm, "r");
    EXPECT_EQ(c->cnonce, "c");
    EXPECT_EQ(c->nc, "0000000A");  // kept as sent: the client hashed that spelling
    EXPECT_EQ(c->algorithm, DigestAlgorithm::sha256);
    // qop and nc quoted by some clients
    c = d::parse_digest_authorization(replaced("qop", "\"auth\""));
    ASSERT_TRUE(c);
    c = d::parse_digest_authorization(replaced("nc", "\"00000001\""));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->nc, "00000001");
}

TEST(DigestParser, UnknownParametersIgnored) {
    auto c = d::parse_digest_authorization(with("foo=bar, baz=\"x, y=z\", charset=UTF-8"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "Mufasa");
}

TEST(DigestParser, MissingRequiredField) {
    for (const char* name : {"username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce"}) {
        auto fields = valid_fields;
        std::erase_if(fields, [&](const auto& f) { return f.first == name; });
        EXPECT_FALSE(d::parse_digest_authorization(join(fields))) << name;
    }
}

TEST(DigestParser, DuplicatesRefused) {
    EXPECT_FALSE(d::parse_digest_authorization(with("username=\"Mufasa\"")));  // even with the same value
    EXPECT_FALSE(d::parse_digest_authorization(with("Username=\"other\"")));   // names are case-insensitive
    EXPECT_FALSE(d::parse_digest_authorization(with("nc=00000002")));
    EXPECT_FALSE(d::parse_digest_authorization(with("algorithm=MD5, algorithm=MD5")));
    EXPECT_FALSE(d::parse_digest_authorization(with("foo=1, FOO=2")));  // unknown ones too
}

TEST(DigestParser, BadNonceCount) {
    for (const char* nc : {"0000001", "000000001", "0000000g", "\"\"", "-0000001", "0x000001", "\" 0000001\""}) {
        EXPECT_FALSE(d::parse_digest_authorization(replaced("nc", nc))) << nc;
    }
    EXPECT_TRUE(d::parse_digest_authorization(replaced("nc", "ffffffff")));
}

TEST(DigestParser, QopMustBeAuth) {
    for (const char* qop : {"auth-int", "\"auth,auth-int\"", "AUTH", "\"\"", "\"auth \""}) {
        EXPECT_FALSE(d::parse_digest_authorization(replaced("qop", qop))) << qop;
    }
}

TEST(DigestParser, Algorithms) {
    auto md5 = d::parse_digest_authorization(with("algorithm=MD5"));
    ASSERT_TRUE(md5);
    EXPECT_EQ(md5->algorithm, DigestAlgorithm::md5);
    auto sha = d::parse_digest_authorization(with("algorithm=\"SHA-256\""));
    ASSERT_TRUE(sha);
    EXPECT_EQ(sha->algorithm, DigestAlgorithm::sha256);
    for (const char* a : {"MD5-sess", "SHA-256-sess", "SHA-512-256", "SHA256", "sha-1", "\"\"", "\"MD5 \""}) {
        EXPECT_FALSE(d::parse_digest_authorization(with(std::string("algorithm=") + a))) << a;
    }
}

TEST(DigestParser, Userhash) {
    auto c = d::parse_digest_authorization(with("userhash=true"));
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->userhash);
    c = d::parse_digest_authorization(with("userhash=\"FALSE\""));
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->userhash);
    EXPECT_FALSE(d::parse_digest_authorization(with("userhash=yes")));
}

TEST(DigestParser, ExtendedUsername) {
    auto fields = valid_fields;
    fields[0] = {"username*", "UTF-8''J%C3%A4s%c3%b8n%20Doe"};
    auto c = d::parse_digest_authorization(join(fields));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "J\xc3\xa4s\xc3\xb8n Doe");
    fields[0] = {"username*", "utf-8'en'abc"};
    c = d::parse_digest_authorization(join(fields));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->username, "abc");
    for (const char* bad : {"\"UTF-8''abc\"",
                            "ISO-8859-1''abc",
                            "UTF-8'abc",
                            "abc",
                            "UTF-8''a%2",
                            "UTF-8''a%zz",
                            "UTF-8''a%0Ab",
                            "UTF-8''a%00",
                            "UTF-8''a'b",
                            "UTF-8''a*b"}) {
        fields[0] = {"username*", bad};
        EXPECT_FALSE(d::parse_digest_authorization(join(fields))) << bad;
    }
    // not together with username, nor with userhash
    EXPECT_FALSE(d::parse_digest_authorization(with("username*=UTF-8''abc")));
    fields[0] = {"username*", "UTF-8''abc"};
    EXPECT_FALSE(d::parse_digest_authorization(join(fields) + ", userhash=true"));
}

TEST(DigestParser, ControlCharactersRefused) {
    for (std::string bad : {std::string("\"a\nb\""),
                            std::string("\"a\rb\""),
                            std::string("\"a\tb\""),
                            std::string("\"a\x7f\""),
                            std::string("\"a\\\nb\""),  // not even escaped
                            std::string("\"a\0b\"", 5)}) {
        EXPECT_FALSE(d::parse_digest_authorization(replaced("username", bad))) << bad;
    }
    EXPECT_FALSE(d::parse_digest_authorization(join(valid_fields) + "\r\n"));
    EXPECT_FALSE(d::parse_digest_authorization(std::string("username=\"u\"\0, realm=\"r\"", 24)));
}

TEST(DigestParser, SyntaxErrors) {
    for (std::string empty : {"", "   ", ",,,", " , \t"}) {
        EXPECT_FALSE(d::parse_digest_authorization(empty)) << empty;
    }
    for (std::string bad : {"Digest",
                            "=",
                            "a",
                            "a=",
                            "=b",
                            "a==b",
                            "abc==",
                            "a=b c=d",
                            "a=\"b\"c",
                            "a b=c",
                            "a=\"unterminated",
                            "a=\"trailing\\",
                            "a=(b)",
                            "a=b;c=d",
                            "a=\xc3\xa4"}) {
        EXPECT_FALSE(d::parse_digest_authorization(bad)) << bad;
        EXPECT_FALSE(d::parse_digest_authorization(with(bad))) << bad;
    }
    EXPECT_FALSE(d::parse_digest_authorization(join(valid_fields) + " x"));
    EXPECT_FALSE(d::parse_digest_authorization("Digest " + join(valid_fields)));  // the scheme is the caller's
}

TEST(DigestParser, GarbageNeverCrashes) {
    // truncations and mutations of a valid value, and random strings over the grammar's alphabet: any answer is
    // fine as long as it is well-formed (ASan/UBSan builds watch the rest)
    const std::string valid = rfc_header("SHA-256", "abc") + ", username*=UTF-8''%41";
    for (std::size_t i = 0; i <= valid.size(); ++i) {
        (void)d::parse_digest_authorization(valid.substr(0, i));
        (void)d::parse_digest_authorization(valid.substr(i));
    }
    std::mt19937 rng(42);
    const std::string alphabet = "aZ09=,\" \t\\*%'-\r\n\x01\x7f\xff";
    for (int i = 0; i < 20000; ++i) {
        std::string s = valid;
        int edits = std::uniform_int_distribution<int>(1, 4)(rng);
        for (int e = 0; e < edits; ++e) {
            std::size_t at = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
            char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
            switch (rng() % 3) {
                case 0:
                    s[at] = c;
                    break;
                case 1:
                    s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
                    break;
                default:
                    s.erase(at, 1);
            }
        }
        auto c = d::parse_digest_authorization(s);
        if (c) {
            EXPECT_EQ(c->nc.size(), 8u);
            EXPECT_EQ(c->qop, "auth");
        }
        std::string r(std::uniform_int_distribution<std::size_t>(0, 40)(rng), 'x');
        for (char& ch : r) {
            ch = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
        }
        (void)d::parse_digest_authorization(r);
    }
}

// --------------------------------------------------------------------------------------------------- challenge

TEST(DigestChallenge, Format) {
    EXPECT_EQ(d::digest_challenge(DigestAlgorithm::sha256, "r", "n", "o", false),
              "Digest realm=\"r\", qop=\"auth\", algorithm=SHA-256, nonce=\"n\", opaque=\"o\"");
    EXPECT_EQ(d::digest_challenge(DigestAlgorithm::md5, "http-auth@example.org", "n", "o", true),
              "Digest realm=\"http-auth@example.org\", qop=\"auth\", algorithm=MD5, nonce=\"n\", opaque=\"o\", "
              "stale=true");
}

TEST(DigestChallenge, RealmIsQuoted) {
    EXPECT_EQ(d::digest_challenge(DigestAlgorithm::md5, "a \"b\" \\c, d", "n", "o", false),
              R"(Digest realm="a \"b\" \\c, d", qop="auth", algorithm=MD5, nonce="n", opaque="o")");
    // what we write, the parser reads back to the same realm
    std::string challenge = d::digest_challenge(DigestAlgorithm::md5, "a \"b\" \\c, d", "n", "o", false);
    std::string params = challenge.substr(std::string("Digest ").size());
    auto c = d::parse_digest_authorization(params + ", username=u, uri=u, response=r, nc=00000001, cnonce=c");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->realm, "a \"b\" \\c, d");
    // a CR/LF would split the header: refused loudly rather than mangled
    EXPECT_THROW(d::digest_challenge(DigestAlgorithm::md5, "a\r\nSet-Cookie: x=y", "n", "o", false),
                 std::invalid_argument);
    EXPECT_THROW(d::digest_challenge(DigestAlgorithm::md5, std::string("a\0b", 3), "n", "o", false),
                 std::invalid_argument);
}

// ------------------------------------------------------------------------------------------------------ nonces

TEST(DigestNonces, IssueAndUse) {
    d::DigestNonces nonces;
    std::string a = nonces.issue(1000), b = nonces.issue(1000);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 75u);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_EQ(nonces.use(a, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.use(b, "00000001", 1299), Check::ok);
    EXPECT_EQ(nonces.tracked(), 2u);
    EXPECT_FALSE(nonces.opaque().empty());
    EXPECT_EQ(nonces.opaque(), nonces.opaque());
    EXPECT_NE(nonces.opaque(), d::DigestNonces().opaque());
    EXPECT_THROW(d::DigestNonces(0), std::invalid_argument);
    EXPECT_THROW(d::DigestNonces(300, 0), std::invalid_argument);
}

TEST(DigestNonces, NonceCountMustIncrease) {
    d::DigestNonces nonces;
    std::string n = nonces.issue(1000);
    EXPECT_EQ(nonces.use(n, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.use(n, "00000001", 1000), Check::replayed);
    EXPECT_EQ(nonces.use(n, "00000002", 1001), Check::ok);
    EXPECT_EQ(nonces.use(n, "00000005", 1001), Check::ok);  // gaps are fine: requests may be lost
    EXPECT_EQ(nonces.use(n, "00000003", 1001), Check::replayed);
    EXPECT_EQ(nonces.use(n, "00000005", 1001), Check::replayed);
    EXPECT_EQ(nonces.use(n, "0000000A", 1002), Check::ok);  // hex, either case
    EXPECT_EQ(nonces.use(n, "0000000a", 1002), Check::replayed);
    EXPECT_EQ(nonces.use(n, "ffffffff", 1002), Check::ok);
    EXPECT_EQ(nonces.use(n, "FFFFFFFF", 1002), Check::replayed);
    // a malformed or zero count is not a replay but garbage
    EXPECT_EQ(nonces.use(nonces.issue(1000), "00000000", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(nonces.issue(1000), "0000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(nonces.issue(1000), "0000000x", 1000), Check::invalid);
}

TEST(DigestNonces, Expiry) {
    d::DigestNonces nonces(300);
    std::string n = nonces.issue(1000);
    EXPECT_EQ(nonces.use(n, "00000001", 1299), Check::ok);
    EXPECT_EQ(nonces.use(n, "00000002", 1300), Check::stale);
    EXPECT_EQ(nonces.use(nonces.issue(1000), "00000001", 5000), Check::stale);
    // from the future: ours, but the clock went back
    EXPECT_EQ(nonces.use(nonces.issue(1000), "00000001", 999), Check::stale);
    // a stale nonce that was never seen is not tracked either
    EXPECT_EQ(nonces.tracked(), 1u);
}

TEST(DigestNonces, TamperedOrForeignIsInvalid) {
    d::DigestNonces nonces;
    std::string n = nonces.issue(1000);
    for (std::size_t i = 0; i < n.size(); ++i) {
        std::string t = n;
        t[i] = t[i] == 'A' ? 'B' : 'A';
        EXPECT_EQ(nonces.use(t, "00000001", 1000), Check::invalid) << i;
    }
    EXPECT_EQ(nonces.use(n + "A", "00000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(n.substr(1), "00000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use("", "00000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(rfc_nonce, "00000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(std::string(75, '='), "00000001", 1000), Check::invalid);
    EXPECT_EQ(nonces.use(d::DigestNonces().issue(1000), "00000001", 1000), Check::invalid);  // another key
    EXPECT_EQ(nonces.tracked(), 0u);
    EXPECT_EQ(nonces.use(n, "00000001", 1000), Check::ok);  // the original is untouched
}

TEST(DigestNonces, ForgottenNonceIsStaleNeverReaccepted) {
    d::DigestNonces nonces(300, 2);
    std::string a = nonces.issue(1000), b = nonces.issue(1000), c = nonces.issue(1000);
    EXPECT_EQ(nonces.use(a, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.use(b, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.use(c, "00000001", 1000), Check::ok);  // a, the oldest, is dropped
    EXPECT_EQ(nonces.tracked(), 2u);
    EXPECT_EQ(nonces.use(a, "00000001", 1000), Check::stale);  // not "ok": it was used with that nc
    EXPECT_EQ(nonces.use(a, "00000002", 1000), Check::stale);
    EXPECT_EQ(nonces.use(b, "00000002", 1000), Check::ok);
    EXPECT_EQ(nonces.use(c, "00000001", 1000), Check::replayed);
    // nonces issued later are still welcome, and used out of issue order
    std::string d1 = nonces.issue(1001), d2 = nonces.issue(1001);
    EXPECT_EQ(nonces.use(d2, "00000001", 1001), Check::ok);  // drops b
    EXPECT_EQ(nonces.use(d1, "00000001", 1001), Check::ok);  // drops c
    EXPECT_EQ(nonces.use(b, "00000003", 1001), Check::stale);
    EXPECT_EQ(nonces.use(c, "00000002", 1001), Check::stale);
    EXPECT_EQ(nonces.use(d1, "00000001", 1001), Check::replayed);
    EXPECT_EQ(nonces.use(d2, "00000002", 1001), Check::ok);
}

TEST(DigestNonces, CheckRecordsNothing) {
    d::DigestNonces nonces(300, 1);
    std::string a = nonces.issue(1000), b = nonces.issue(1000);
    EXPECT_EQ(nonces.check(a, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.check(a, "00000001", 1000), Check::ok);  // nothing recorded
    EXPECT_EQ(nonces.tracked(), 0u);
    EXPECT_EQ(nonces.use(a, "00000002", 1000), Check::ok);
    EXPECT_EQ(nonces.check(a, "00000002", 1000), Check::replayed);
    EXPECT_EQ(nonces.check(a, "00000003", 1000), Check::ok);
    EXPECT_EQ(nonces.check(b, "00000001", 1000), Check::ok);  // does not push a out
    EXPECT_EQ(nonces.use(a, "00000003", 1000), Check::ok);
    EXPECT_EQ(nonces.use(b, "00000001", 1000), Check::ok);  // this one does
    EXPECT_EQ(nonces.check(a, "00000004", 1000), Check::stale);
    EXPECT_EQ(nonces.check(a, "00000004", 1300), Check::stale);
    EXPECT_EQ(nonces.check(a.substr(1), "00000004", 1000), Check::invalid);
    EXPECT_EQ(nonces.check(b, "00000000", 1000), Check::invalid);
}

TEST(DigestNonces, ExpiredEntriesAreDroppedForGood) {
    d::DigestNonces nonces(300);
    std::string old = nonces.issue(1000);
    EXPECT_EQ(nonces.use(old, "00000001", 1000), Check::ok);
    EXPECT_EQ(nonces.use(nonces.issue(2000), "00000001", 2000), Check::ok);
    EXPECT_EQ(nonces.tracked(), 1u);  // the expired one went
    // a caller whose clock goes back cannot revive it
    EXPECT_EQ(nonces.use(old, "00000002", 1000), Check::stale);
    EXPECT_EQ(nonces.use(old, "00000001", 1000), Check::stale);
}

TEST(DigestNonces, ConcurrentUseAcceptsEachCountOnce) {
    constexpr int threads = 4, nonce_count = 6, max_nc = 300;
    for (std::size_t max_tracked : {std::size_t{100000}, std::size_t{3}}) {  // without and with forgetting
        d::DigestNonces nonces(300, max_tracked);
        std::vector<std::string> issued;
        for (int i = 0; i < nonce_count; ++i) {
            issued.push_back(nonces.issue(1000));
        }
        std::vector<std::vector<std::pair<int, std::uint32_t>>> accepted(threads);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                char nc[9];
                for (std::uint32_t v = 1; v <= max_nc; ++v) {
                    std::snprintf(nc, sizeof nc, "%08x", v);
                    for (int k = 0; k < nonce_count; ++k) {
                        int i = (k + t) % nonce_count;  // threads start on different nonces
                        if (nonces.use(issued[i], nc, 1000) == Check::ok) {
                            accepted[t].emplace_back(i, v);
                        }
                    }
                }
            });
        }
        for (auto& th : pool) {
            th.join();
        }
        std::set<std::pair<int, std::uint32_t>> all;
        std::size_t total = 0;
        for (const auto& a : accepted) {
            total += a.size();
            all.insert(a.begin(), a.end());
        }
        EXPECT_EQ(all.size(), total) << "a (nonce, nc) was accepted twice, max_tracked " << max_tracked;
        EXPECT_GE(total, static_cast<std::size_t>(max_tracked > 10 ? nonce_count : 1));
        EXPECT_LE(nonces.tracked(), max_tracked);
    }
}

TEST(DigestNonces, ConcurrentIssueGivesDistinctNonces) {
    d::DigestNonces nonces;
    std::vector<std::vector<std::string>> issued(4);
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                issued[t].push_back(nonces.issue(1000));
            }
        });
    }
    for (auto& th : pool) {
        th.join();
    }
    std::set<std::string> all;
    for (const auto& v : issued) {
        all.insert(v.begin(), v.end());
    }
    EXPECT_EQ(all.size(), 2000u);
}
