// The fsa token format, checked against upstream's worked examples and against Python's hashlib.

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "tokens/fsa_token.hpp"

namespace d = simpleauth::detail;

namespace {

constexpr const char* secret = "FSA acceptance secret 0123456789";
constexpr std::int64_t limit_2099 = 4102444799;  // 2099-12-31 23:59:59 UTC

d::FsaTokenSettings settings(std::string algorithm = "blake2s", std::size_t length = 16) {
    d::FsaTokenSettings s;
    s.algorithm = std::move(algorithm);
    s.secret = secret;
    s.length = length;
    return s;
}

// hex(hashlib.new(algorithm, data.encode()).digest()[:length]) computed by Python, independently of our code
std::string python_signature(const std::string& algorithm, const std::string& data, std::size_t length) {
    std::string cmd =
        "/usr/bin/python3 -c 'import hashlib,sys; print(hashlib.new(sys.argv[1], sys.argv[2].encode())"
        ".digest()[:int(sys.argv[3])].hex())' " +
        algorithm + " '" + data + "' " + std::to_string(length);
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
    if (!pipe) {
        return "";
    }
    char buf[512] = {};
    std::string out;
    while (fgets(buf, sizeof buf, pipe.get()) != nullptr) {
        out += buf;
    }
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

}  // namespace

TEST(FsaToken, UpstreamWorkedExamples) {
    EXPECT_EQ(d::fsa_token_create(settings(), "Test", "calvin", limit_2099),
              "Test:calvin:20991231235959:462a38d88a8790853091eb6cbbd3a825");
    EXPECT_EQ(d::fsa_token_create(settings(), "Test/self", "foo", limit_2099),
              "Test/self:foo:20991231235959:ac1726e920cb13ee950fff12ef8ba7e4");
}

TEST(FsaToken, EveryAlgorithmMatchesPythonHashlib) {
    if (std::system("/usr/bin/python3 -c 'import hashlib' 2>/dev/null") != 0) {
        GTEST_SKIP() << "no /usr/bin/python3";
    }
    for (std::string algo : {"blake2s", "blake2b", "sha256", "sha512", "sha3_256", "sha1", "sha224", "sha384", "md5"}) {
        for (std::size_t length : {8, 16, 32, 100}) {
            std::string token = d::fsa_token_create(settings(algo, length), "acme", "hobbes", limit_2099);
            std::string expected = python_signature(algo, "acme:hobbes:20991231235959:" + std::string(secret), length);
            EXPECT_EQ(token, "acme:hobbes:20991231235959:" + expected) << algo << " " << length;
        }
    }
}

TEST(FsaToken, VerifiesItsOwnTokens) {
    auto s = settings();
    std::string token = d::fsa_token_create(s, "acme", "calvin", 2000000000);
    auto result = d::fsa_token_verify(s, token, "acme", 1999999999);
    ASSERT_TRUE(std::holds_alternative<d::FsaTokenClaims>(result));
    EXPECT_EQ(std::get<d::FsaTokenClaims>(result).user, "calvin");
    EXPECT_EQ(std::get<d::FsaTokenClaims>(result).limit, 2000000000);
}

TEST(FsaToken, RefusesWhatUpstreamRefuses) {
    auto s = settings();
    std::string token = d::fsa_token_create(s, "acme", "calvin", 2000000000);
    auto error = [&](std::string_view t, std::string_view realm = "acme", std::int64_t now = 1999999999) {
        auto r = d::fsa_token_verify(s, t, realm, now);
        return std::holds_alternative<d::FsaTokenError>(r) ? std::get<d::FsaTokenError>(r)
                                                           : static_cast<d::FsaTokenError>(-1);
    };
    EXPECT_EQ(error("acme:calvin:20330518033320"), d::FsaTokenError::malformed);
    EXPECT_EQ(error(token + ":x"), d::FsaTokenError::malformed);
    EXPECT_EQ(error("acme:calvin:2033051803332x:00"), d::FsaTokenError::bad_limit);
    EXPECT_EQ(error("acme:calvin:20331318033320:00"), d::FsaTokenError::bad_limit);  // month 13
    EXPECT_EQ(error("acme:calvin:20330231033320:00"), d::FsaTokenError::bad_limit);  // 31 February
    EXPECT_EQ(error(token, "other"), d::FsaTokenError::bad_realm);
    EXPECT_EQ(error(token, "acme", 2000000001), d::FsaTokenError::expired);
    std::string tampered = token;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    EXPECT_EQ(error(tampered), d::FsaTokenError::bad_signature);
    EXPECT_EQ(error(token.substr(0, token.size() - 2)), d::FsaTokenError::bad_signature);  // truncated
    std::string other_user = token;
    other_user.replace(5, 6, "hobbes");
    EXPECT_EQ(error(other_user), d::FsaTokenError::bad_signature);
    auto other = s;
    other.secret = "another secret";
    EXPECT_EQ(error(d::fsa_token_create(other, "acme", "calvin", 2000000000)), d::FsaTokenError::bad_signature);
}

TEST(FsaToken, GraceExtendsTheLimit) {
    auto s = settings();
    s.grace = 60;
    std::string token = d::fsa_token_create(s, "acme", "calvin", 2000000000);
    EXPECT_TRUE(std::holds_alternative<d::FsaTokenClaims>(d::fsa_token_verify(s, token, "acme", 2000000060)));
    EXPECT_FALSE(std::holds_alternative<d::FsaTokenClaims>(d::fsa_token_verify(s, token, "acme", 2000000061)));
}

TEST(FsaToken, RealmSimplification) {
    EXPECT_EQ(d::fsa_simplify_realm("Test"), "Test");
    EXPECT_EQ(d::fsa_simplify_realm("My App!"), "My-App");
    EXPECT_EQ(d::fsa_simplify_realm("bad 2"), "bad-2");
    EXPECT_EQ(d::fsa_simplify_realm("--a__b--"), "a-b");
}

TEST(FsaToken, LimitFormat) {
    EXPECT_EQ(d::fsa_format_limit(limit_2099), "20991231235959");
    EXPECT_EQ(d::fsa_parse_limit("20991231235959"), limit_2099);
    EXPECT_FALSE(d::fsa_parse_limit("2099123123595"));
    EXPECT_FALSE(d::fsa_parse_limit("00000101000000"));
}

TEST(FsaToken, UserWithColonRefused) {
    EXPECT_THROW(d::fsa_token_create(settings(), "acme", "a:b", limit_2099), std::invalid_argument);
    EXPECT_THROW(d::fsa_token_create(settings("shake_128"), "acme", "a", limit_2099), std::invalid_argument);
}
