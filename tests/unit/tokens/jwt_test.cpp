// JWT creation and validation rules (RFC 7515/7519/8725; security-baseline REQ-JWT-01..13, ATK-JWT-*).
#include "tokens/jwt.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>

#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"

namespace sd = simpleauth::detail;
using namespace std::string_literals;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecret = "a JWT secret of at least 32 bytes for HS256 tests";
const std::string kRealm = "Test";

sd::JwtSettings settings(std::string alg = "HS256", std::int64_t leeway = 0) {
    sd::JwtSettings s;
    s.algorithm = std::move(alg);
    s.secret = kSecret;
    s.leeway = leeway;
    return s;
}

// Signs arbitrary header/claims JSON with the test secret, to build tokens jwt_create never makes.
std::string forge(std::string_view claims,
                  std::string_view header = R"({"alg":"HS256","typ":"JWT"})",
                  std::string_view alg = "HS256",
                  std::string_view secret = kSecret) {
    return sd::jws_sign_hmac(alg, secret, header, claims);
}

std::variant<sd::JwtClaims, sd::JwtError> verify(std::string_view token,
                                                 const sd::JwtSettings& s = settings(),
                                                 std::optional<std::string_view> issuer = {},
                                                 std::int64_t now = kNow) {
    return sd::jwt_verify(s, token, kRealm, issuer, now);
}

::testing::AssertionResult fails_with(const std::variant<sd::JwtClaims, sd::JwtError>& r, sd::JwtError expected) {
    if (const auto* e = std::get_if<sd::JwtError>(&r)) {
        if (*e == expected) return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure()
               << "failed with '" << sd::to_string(*e) << "' instead of '" << sd::to_string(expected) << "'";
    }
    return ::testing::AssertionFailure() << "accepted, expected '" << sd::to_string(expected) << "'";
}

::testing::AssertionResult accepted(const std::variant<sd::JwtClaims, sd::JwtError>& r) {
    if (const auto* e = std::get_if<sd::JwtError>(&r))
        return ::testing::AssertionFailure() << "refused: " << sd::to_string(*e);
    return ::testing::AssertionSuccess();
}

std::string claims_with_exp(std::int64_t exp) {
    return R"({"exp":)" + std::to_string(exp) + R"(,"sub":"calvin","aud":"Test"})";
}

}  // namespace

TEST(Jwt, CreatedTokenVerifiesForEveryHmacAlgorithm) {
    for (const char* alg : {"HS256", "HS384", "HS512"}) {
        const auto s = settings(alg);
        const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 3600, "self", "read write");
        const auto r = sd::jwt_verify(s, token, kRealm, "self", kNow);
        ASSERT_TRUE(accepted(r)) << alg;
        const auto& c = std::get<sd::JwtClaims>(r);
        EXPECT_EQ(c.sub, "calvin");
        EXPECT_EQ(c.exp, kNow + 3600);
        EXPECT_EQ(c.aud, std::vector<std::string>{kRealm});
        EXPECT_EQ(c.iss, "self");
        EXPECT_EQ(c.scope, "read write");
    }
}

TEST(Jwt, CreateWritesUpstreamLayout) {
    const std::string token = sd::jwt_create(settings(), "calvin", kRealm, 4102444800);
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    EXPECT_EQ(sd::base64url_decode(token.substr(0, dot1)).value(), R"({"alg":"HS256","typ":"JWT"})");
    EXPECT_EQ(sd::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)).value(),
              R"({"exp":4102444800,"sub":"calvin","aud":"Test"})");
    const std::string with_all = sd::jwt_create(settings(), "u", "r", 5, "i", "s");
    const auto a1 = with_all.find('.');
    const auto a2 = with_all.find('.', a1 + 1);
    EXPECT_EQ(sd::base64url_decode(with_all.substr(a1 + 1, a2 - a1 - 1)).value(),
              R"({"exp":5,"sub":"u","aud":"r","iss":"i","scope":"s"})");
    EXPECT_EQ(sd::base64url_decode(with_all.substr(a2 + 1))->size(), 32u);
}

TEST(Jwt, CreateRefusesWhatItCannotSign) {
    EXPECT_THROW(sd::jwt_create(settings("none"), "u", "r", 1), std::invalid_argument);
    EXPECT_THROW(sd::jwt_create(settings("RS256"), "u", "r", 1), std::invalid_argument);
    EXPECT_THROW(sd::jwt_create(settings("hs256"), "u", "r", 1), std::invalid_argument);
    auto empty = settings();
    empty.secret.clear();
    EXPECT_THROW(sd::jwt_create(empty, "u", "r", 1), std::invalid_argument);
    EXPECT_THROW(sd::jwt_create(settings(), "bad \xff utf-8", "r", 1), std::invalid_argument);
}

TEST(Jwt, AlgorithmSupport) {
    EXPECT_TRUE(sd::jwt_algorithm_supported("HS256"));
    EXPECT_TRUE(sd::jwt_algorithm_supported("HS384"));
    EXPECT_TRUE(sd::jwt_algorithm_supported("HS512"));
    for (const char* alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}) {
        EXPECT_TRUE(sd::jwt_algorithm_supported(alg)) << alg;
    }
    for (const char* alg : {"none",
                            "None",
                            "NONE",
                            "",
                            "hs256",
                            "HS256 ",
                            "HS1",
                            "rs256",
                            "ES521",
                            "ES256K",
                            "Ed25519",
                            "EDDSA",
                            "RS1",
                            "PS256 "}) {
        EXPECT_FALSE(sd::jwt_algorithm_supported(alg)) << alg;
    }
}

// ATK-JWT-01: alg none in any spelling, with or without a signature.
TEST(Jwt, AlgNoneRefused) {
    const std::string claims = claims_with_exp(kNow + 60);
    for (const char* none : {"none", "None", "NONE", "nOnE"}) {
        const std::string header = R"({"alg":")"s + none + R"(","typ":"JWT"})";
        const std::string unsigned_token = sd::base64url_encode(header) + "." + sd::base64url_encode(claims) + ".";
        EXPECT_TRUE(fails_with(verify(unsigned_token), sd::JwtError::bad_algorithm)) << none;
        // Same header with an HMAC under our secret: still refused, the header must name HS256.
        EXPECT_TRUE(fails_with(verify(forge(claims, header)), sd::JwtError::bad_algorithm)) << none;
    }
    // A configuration naming `none` accepts nothing at all.
    const std::string unsigned_token =
        sd::base64url_encode(R"({"alg":"none"})") + "." + sd::base64url_encode(claims) + ".";
    EXPECT_TRUE(fails_with(verify(unsigned_token, settings("none")), sd::JwtError::bad_algorithm));
}

TEST(Jwt, EmptySignatureRefused) {
    const std::string token = forge(claims_with_exp(kNow + 60));
    EXPECT_TRUE(fails_with(verify(token.substr(0, token.rfind('.') + 1)), sd::JwtError::bad_signature));
}

// ATK-JWT-02..04: another family member, or a header naming another algorithm than configured.
TEST(Jwt, WrongAlgorithmRefused) {
    const std::string hs384 = sd::jwt_create(settings("HS384"), "calvin", kRealm, kNow + 60);
    EXPECT_TRUE(fails_with(verify(hs384), sd::JwtError::bad_algorithm));
    const std::string hs256 = sd::jwt_create(settings("HS256"), "calvin", kRealm, kNow + 60);
    EXPECT_TRUE(fails_with(verify(hs256, settings("HS512")), sd::JwtError::bad_algorithm));
    // HS256 MAC under a header claiming RS256 (key confusion shape).
    EXPECT_TRUE(
        fails_with(verify(forge(claims_with_exp(kNow + 60), R"({"alg":"RS256"})")), sd::JwtError::bad_algorithm));
    EXPECT_TRUE(
        fails_with(verify(forge(claims_with_exp(kNow + 60), R"({"alg":"hs256"})")), sd::JwtError::bad_algorithm));
    // alg missing or not a string.
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(kNow + 60), R"({"typ":"JWT"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(kNow + 60), R"({"alg":["HS256"]})")), sd::JwtError::malformed));
    // An RS256 configuration (here with an unusable key) refuses an HS256 token on its header.
    EXPECT_TRUE(fails_with(verify(hs256, settings("RS256")), sd::JwtError::bad_algorithm));
}

TEST(Jwt, WrongSecretRefused) {
    auto other = settings();
    other.secret = "another secret of at least 32 bytes, for HS256";
    const std::string token = sd::jwt_create(other, "calvin", kRealm, kNow + 60);
    EXPECT_TRUE(fails_with(verify(token), sd::JwtError::bad_signature));
    // An empty configured secret never validates anything, even a token MACed under the empty key.
    auto empty = settings();
    empty.secret.clear();
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(kNow + 60), R"({"alg":"HS256"})", "HS256", ""), empty),
                           sd::JwtError::bad_signature));
}

TEST(Jwt, ExpiryAndLeewayBoundaries) {
    EXPECT_TRUE(accepted(verify(sd::jwt_create(settings(), "calvin", kRealm, kNow + 1))));
    EXPECT_TRUE(fails_with(verify(sd::jwt_create(settings(), "calvin", kRealm, kNow - 1)), sd::JwtError::expired));
    // RFC 7519 §4.1.4 ("MUST NOT be accepted on or after") and PyJWT 2.6 (exp <= now - leeway): exp == now is expired.
    EXPECT_TRUE(fails_with(verify(sd::jwt_create(settings(), "calvin", kRealm, kNow)), sd::JwtError::expired));
    for (std::int64_t leeway : {1, 60, 300}) {
        const auto s = settings("HS256", leeway);
        EXPECT_TRUE(
            fails_with(verify(sd::jwt_create(s, "calvin", kRealm, kNow - leeway - 1), s), sd::JwtError::expired))
            << leeway;
        EXPECT_TRUE(fails_with(verify(sd::jwt_create(s, "calvin", kRealm, kNow - leeway), s), sd::JwtError::expired))
            << leeway;
        EXPECT_TRUE(accepted(verify(sd::jwt_create(s, "calvin", kRealm, kNow - leeway + 1), s))) << leeway;
    }
}

TEST(Jwt, ExpiryArithmeticDoesNotOverflow) {
    const auto huge = settings("HS256", std::numeric_limits<std::int64_t>::max());
    // now - leeway saturates at the minimum instead of wrapping to a large positive bound.
    EXPECT_TRUE(accepted(verify(forge(claims_with_exp(0)), huge)));
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(std::numeric_limits<std::int64_t>::min())), huge),
                           sd::JwtError::expired));
    EXPECT_TRUE(accepted(verify(forge(claims_with_exp(std::numeric_limits<std::int64_t>::max())),
                                settings(),
                                {},
                                std::numeric_limits<std::int64_t>::max() - 1)));
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(std::numeric_limits<std::int64_t>::min())),
                                  settings(),
                                  {},
                                  std::numeric_limits<std::int64_t>::min()),
                           sd::JwtError::expired));
    // Too large for a 64-bit time: refused rather than wrapped.
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":18446744073709551615,"sub":"c","aud":"Test"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":1e300,"sub":"c","aud":"Test"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":-1e300,"sub":"c","aud":"Test"})")), sd::JwtError::malformed));
}

TEST(Jwt, ExpClaimTypes) {
    EXPECT_TRUE(fails_with(verify(forge(R"({"sub":"calvin","aud":"Test"})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":null,"sub":"calvin","aud":"Test"})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":"4102444800","sub":"calvin","aud":"Test"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":true,"sub":"calvin","aud":"Test"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":[1],"sub":"calvin","aud":"Test"})")), sd::JwtError::malformed));
    // A number is accepted and truncated like Python's int(), as PyJWT does.
    const auto r = verify(forge(R"({"exp":1700000100.9,"sub":"calvin","aud":"Test"})"));
    ASSERT_TRUE(accepted(r));
    EXPECT_EQ(std::get<sd::JwtClaims>(r).exp, 1700000100);
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":1700000000.5,"sub":"calvin","aud":"Test"})")), sd::JwtError::expired));
}

TEST(Jwt, NotBefore) {
    const auto tok = [](std::int64_t nbf) {
        return forge(R"({"exp":)" + std::to_string(kNow + 3600) + R"(,"nbf":)" + std::to_string(nbf) +
                     R"(,"sub":"c","aud":"Test"})");
    };
    EXPECT_TRUE(accepted(verify(tok(kNow))));
    EXPECT_TRUE(accepted(verify(tok(kNow - 10))));
    EXPECT_TRUE(fails_with(verify(tok(kNow + 1)), sd::JwtError::not_yet_valid));
    EXPECT_TRUE(fails_with(verify(tok(kNow + 3000)), sd::JwtError::not_yet_valid));
    const auto s = settings("HS256", 60);
    EXPECT_TRUE(accepted(verify(tok(kNow + 60), s)));
    EXPECT_TRUE(fails_with(verify(tok(kNow + 61), s), sd::JwtError::not_yet_valid));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"nbf":"soon","sub":"c","aud":"Test"})")),
                           sd::JwtError::malformed));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"nbf":null,"sub":"c","aud":"Test"})")), sd::JwtError::malformed));
}

TEST(Jwt, IssuedAt) {
    EXPECT_TRUE(accepted(verify(forge(R"({"exp":4102444800,"iat":1600000000,"sub":"c","aud":"Test"})"))));
    EXPECT_TRUE(accepted(verify(forge(R"({"exp":4102444800,"iat":1600000000.25,"sub":"c","aud":"Test"})"))));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"iat":"yesterday","sub":"c","aud":"Test"})")),
                           sd::JwtError::malformed));
    // Issued in the future (PyJWT 2.6 refuses it too).
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"iat":1800000000,"sub":"c","aud":"Test"})")),
                           sd::JwtError::not_yet_valid));
}

// ATK-JWT-15: audience.
TEST(Jwt, Audience) {
    EXPECT_TRUE(
        fails_with(sd::jwt_verify(settings(), sd::jwt_create(settings(), "c", "Other", kNow + 60), kRealm, {}, kNow),
                   sd::JwtError::bad_audience));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"test"})")), sd::JwtError::bad_audience));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"Test "})")), sd::JwtError::bad_audience));
    const auto r = verify(forge(R"({"exp":4102444800,"sub":"c","aud":["other","Test"]})"));
    ASSERT_TRUE(accepted(r));
    EXPECT_EQ(std::get<sd::JwtClaims>(r).aud, (std::vector<std::string>{"other", "Test"}));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":["other","TestX"]})")),
                           sd::JwtError::bad_audience));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":["Test",1]})")), sd::JwtError::bad_audience));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":{"Test":1}})")), sd::JwtError::bad_audience));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":[["Test"]]})")), sd::JwtError::bad_audience));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c"})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":""})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":[]})")), sd::JwtError::missing_claim));
}

TEST(Jwt, Subject) {
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"aud":"Test"})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"sub":null,"aud":"Test"})")), sd::JwtError::missing_claim));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":42,"aud":"Test"})")), sd::JwtError::malformed));
}

// ATK-JWT-16: issuer.
TEST(Jwt, Issuer) {
    const std::string with_iss = sd::jwt_create(settings(), "c", kRealm, kNow + 60, "self");
    const std::string without_iss = sd::jwt_create(settings(), "c", kRealm, kNow + 60);
    EXPECT_TRUE(accepted(verify(with_iss, settings(), "self")));
    EXPECT_TRUE(fails_with(verify(without_iss, settings(), "self"), sd::JwtError::missing_claim));
    EXPECT_TRUE(fails_with(verify(with_iss, settings(), "Self"), sd::JwtError::bad_issuer));
    EXPECT_TRUE(fails_with(verify(sd::jwt_create(settings(), "c", kRealm, kNow + 60, "other"), settings(), "self"),
                           sd::JwtError::bad_issuer));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"Test","iss":["self"]})"), settings(), "self"),
                   sd::JwtError::bad_issuer));
    // No issuer configured: iss is not checked but is reported.
    const auto r = verify(with_iss);
    ASSERT_TRUE(accepted(r));
    EXPECT_EQ(std::get<sd::JwtClaims>(r).iss, "self");
    EXPECT_EQ(std::get<sd::JwtClaims>(verify(without_iss)).iss, std::nullopt);
}

TEST(Jwt, Scope) {
    EXPECT_EQ(
        std::get<sd::JwtClaims>(verify(sd::jwt_create(settings(), "c", kRealm, kNow + 60, {}, "read write"))).scope,
        "read write");
    EXPECT_EQ(std::get<sd::JwtClaims>(verify(sd::jwt_create(settings(), "c", kRealm, kNow + 60))).scope, std::nullopt);
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"Test","scope":["read"]})")),
                           sd::JwtError::malformed));
}

// REQ-JWT-08: duplicate member names are rejected, not resolved last-wins.
TEST(Jwt, DuplicateNamesRejected) {
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"calvin","sub":"admin","aud":"Test"})")),
                           sd::JwtError::malformed));
    EXPECT_TRUE(
        fails_with(verify(forge(R"({"exp":1,"exp":4102444800,"sub":"c","aud":"Test"})")), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(4102444800), R"({"alg":"HS256","alg":"HS256"})")),
                           sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(forge(claims_with_exp(4102444800), R"({"alg":"none","alg":"HS256"})")),
                           sd::JwtError::malformed));
    // Nested objects have their own name scope: same name at different levels is fine, twice in one is not.
    EXPECT_TRUE(accepted(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"Test","x":{"sub":1,"y":{"sub":2}}})"))));
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","aud":"Test","x":[{"a":1,"a":2}]})")),
                           sd::JwtError::malformed));
    // Names equal after unescaping are duplicates.
    EXPECT_TRUE(fails_with(verify(forge(R"({"exp":4102444800,"sub":"c","s\u0075b":"admin","aud":"Test"})")),
                           sd::JwtError::malformed));
}

// ATK-JWT-19/20 and REQ-JWT-07: strict compact serialization.
TEST(Jwt, SegmentCount) {
    const std::string token = sd::jwt_create(settings(), "calvin", kRealm, kNow + 60);
    const auto dot2 = token.rfind('.');
    EXPECT_TRUE(fails_with(verify(token.substr(0, dot2)), sd::JwtError::malformed));  // 2 segments
    EXPECT_TRUE(fails_with(verify(token + ".xyz"), sd::JwtError::malformed));         // 4 segments
    EXPECT_TRUE(fails_with(verify(token + "."), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify("." + token), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(""), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(".."), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify("abc"), sd::JwtError::malformed));
    EXPECT_TRUE(accepted(verify(token)));
}

TEST(Jwt, PaddedOrNonCanonicalBase64Refused) {
    // Header and claims chosen so that both segments would need padding in the padded form.
    const std::string header = R"({"alg":"HS256","x":12})";
    const std::string claims = R"({"exp":4102444800,"sub":"calvinx","aud":"Test"})";
    ASSERT_NE(sd::base64url_encode(header).size() % 4, 0u);
    ASSERT_NE(sd::base64url_encode(claims).size() % 4, 0u);
    const auto pad = [](std::string s) {
        while (s.size() % 4 != 0) s += '=';
        return s;
    };
    // Sign over the padded text so that only the encoding rule can refuse it.
    const auto mac_b64 = [](const std::string& input) {
        return sd::base64url_encode(sd::hmac("SHA256", kSecret, input));
    };
    const std::string h = sd::base64url_encode(header), p = sd::base64url_encode(claims);
    for (const std::string& input : {pad(h) + "." + p, h + "." + pad(p)}) {
        EXPECT_TRUE(fails_with(verify(input + "." + mac_b64(input)), sd::JwtError::malformed)) << input;
    }
    EXPECT_TRUE(fails_with(verify(h + "." + p + "." + pad(mac_b64(h + "." + p))), sd::JwtError::malformed));
    EXPECT_TRUE(accepted(verify(h + "." + p + "." + mac_b64(h + "." + p))));
    // Standard alphabet instead of url-safe: find a MAC containing '-' or '_' and swap the characters.
    for (int i = 0; i < 100; ++i) {
        const std::string token = sd::jwt_create(settings(), "user" + std::to_string(i), kRealm, 4102444800);
        const std::string sig = token.substr(token.rfind('.') + 1);
        if (sig.find_first_of("-_") == std::string::npos) continue;
        std::string swapped = token;
        for (auto j = token.rfind('.') + 1; j < swapped.size(); ++j) {
            if (swapped[j] == '-') swapped[j] = '+';
            if (swapped[j] == '_') swapped[j] = '/';
        }
        EXPECT_TRUE(fails_with(verify(swapped), sd::JwtError::malformed));
        break;
    }
    // Non-canonical last character of the MAC (HS256: 43 characters, 2 unused bits).
    const std::string token = sd::jwt_create(settings(), "calvin", kRealm, 4102444800);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const auto last = alphabet.find(token.back());
    std::string twin = token;
    twin.back() = alphabet[(last & ~3u) | ((last + 1) & 3u)];  // same decoded bits, different unused bits
    ASSERT_NE(twin, token);
    EXPECT_TRUE(fails_with(verify(twin), sd::JwtError::malformed));
}

TEST(Jwt, WhitespaceRefused) {
    const std::string token = sd::jwt_create(settings(), "calvin", kRealm, kNow + 60);
    const auto dot1 = token.find('.');
    EXPECT_TRUE(fails_with(verify(" " + token), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(token + " "), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(token + "\n"), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(token.substr(0, dot1) + "\r\n." + token.substr(dot1 + 1)), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(token.substr(0, 10) + " " + token.substr(10)), sd::JwtError::malformed));
    EXPECT_TRUE(fails_with(verify(token + "\0"s), sd::JwtError::malformed));
}

// REQ-JWT-04: the MAC is compared over its full length.
TEST(Jwt, TruncatedSignatureRefused) {
    const std::string token = sd::jwt_create(settings(), "calvin", kRealm, kNow + 60);
    const auto dot2 = token.rfind('.');
    const std::string mac = sd::base64url_decode(token.substr(dot2 + 1)).value();
    for (std::size_t len : {0u, 1u, 16u, 31u}) {
        EXPECT_TRUE(fails_with(verify(token.substr(0, dot2 + 1) + sd::base64url_encode(mac.substr(0, len))),
                               sd::JwtError::bad_signature))
            << len;
    }
    // A longer MAC (the HS512 MAC, whose prefix is not the HS256 one anyway, or the right MAC plus a byte).
    EXPECT_TRUE(
        fails_with(verify(token.substr(0, dot2 + 1) + sd::base64url_encode(mac + "x")), sd::JwtError::bad_signature));
    // Dropping characters of the encoded MAC breaks its encoding or its length.
    EXPECT_FALSE(accepted(verify(token.substr(0, token.size() - 1))));
    EXPECT_FALSE(accepted(verify(token.substr(0, token.size() - 4))));
}

// ATK-JWT-11 / REQ-JWT-09: we understand no extension, so any crit fails.
TEST(Jwt, CritHeaderRefused) {
    const std::string claims = claims_with_exp(4102444800);
    for (const char* header : {R"({"alg":"HS256","crit":["exp"]})",
                               R"({"alg":"HS256","crit":[]})",
                               R"({"alg":"HS256","crit":"b64"})",
                               R"({"alg":"HS256","crit":["b64"],"b64":false})",
                               R"({"alg":"HS256","crit":null})"}) {
        EXPECT_TRUE(fails_with(verify(forge(claims, header)), sd::JwtError::malformed)) << header;
    }
}

// ATK-JWT-09/10 / REQ-JWT-10: keys embedded or referenced in the header are never used.
TEST(Jwt, EmbeddedKeysIgnored) {
    const std::string attacker = "attacker-chosen key, 32 bytes or more....";
    const std::string k = sd::base64url_encode(attacker);
    const std::string claims = claims_with_exp(4102444800);
    const std::vector<std::string> headers = {R"({"alg":"HS256","jwk":{"kty":"oct","k":")" + k + R"("}})",
                                              R"({"alg":"HS256","jku":"http://127.0.0.1:1/jwks.json"})",
                                              R"({"alg":"HS256","x5u":"http://127.0.0.1:1/cert.pem"})",
                                              R"({"alg":"HS256","x5c":["MIIB"]})",
                                              R"({"alg":"HS256","kid":"../../dev/null"})"};
    for (const std::string& header : headers) {
        EXPECT_TRUE(fails_with(verify(forge(claims, header, "HS256", attacker)), sd::JwtError::bad_signature))
            << header;
        // The same headers under the configured secret are fine: they are ignored, not forbidden.
        EXPECT_TRUE(accepted(verify(forge(claims, header)))) << header;
    }
}

// REQ-JWT-03: the MAC is checked before the claims are parsed.
TEST(Jwt, SignatureCheckedBeforeClaims) {
    const std::string garbage_claims = "not json at all";
    const std::string good = forge(garbage_claims);
    EXPECT_TRUE(fails_with(verify(good), sd::JwtError::malformed));
    const std::string bad_mac = forge(garbage_claims, R"({"alg":"HS256","typ":"JWT"})", "HS256", "wrong secret.....");
    EXPECT_TRUE(fails_with(verify(bad_mac), sd::JwtError::bad_signature));
    // Same for claims that would be expired or for another audience: the MAC failure wins.
    const std::string expired = forge(claims_with_exp(1), R"({"alg":"HS256"})", "HS256", "wrong secret.....");
    EXPECT_TRUE(fails_with(verify(expired), sd::JwtError::bad_signature));
}

TEST(Jwt, HeaderAndClaimsMustBeUtf8JsonObjects) {
    const std::string claims = claims_with_exp(4102444800);
    for (const std::string& header : {"[\"HS256\"]"s,
                                      "\"HS256\""s,
                                      "{\"alg\":\"HS256\""s,
                                      "{}"s,
                                      ""s,
                                      "\xEF\xBB\xBF{\"alg\":\"HS256\"}"s,
                                      "{\"alg\":\"HS256\",\"x\":\"\xff\"}"s,
                                      "{\"alg\":\"HS256\",\"x\":\"\\ud800\"}"s,
                                      "{\"alg\":\"HS256\"}garbage"s,
                                      "{\"alg\":\"HS256\"/*c*/}"s}) {
        EXPECT_FALSE(accepted(verify(forge(claims, header)))) << header;
    }
    for (const std::string& body : {"[]"s,
                                    "null"s,
                                    "42"s,
                                    "\"s\""s,
                                    ""s,
                                    "{\"exp\":4102444800,\"sub\":\"\xc3\x28\",\"aud\":\"Test\"}"s,
                                    "{\"exp\":4102444800,\"sub\":\"\\udc00\",\"aud\":\"Test\"}"s,
                                    "\xEF\xBB\xBF"s + claims}) {
        EXPECT_TRUE(fails_with(verify(forge(body)), sd::JwtError::malformed)) << body;
    }
    // Deep nesting is refused rather than recursed into.
    std::string deep =
        R"({"exp":4102444800,"sub":"c","aud":"Test","x":)" + std::string(100, '[') + std::string(100, ']') + "}";
    EXPECT_TRUE(fails_with(verify(forge(deep)), sd::JwtError::malformed));
    // Escaped non-ASCII is decoded.
    const auto r = verify(forge(R"({"exp":4102444800,"sub":"J\u00e9r\u00f4me \ud83d\ude00","aud":"Test"})"));
    ASSERT_TRUE(accepted(r));
    EXPECT_EQ(std::get<sd::JwtClaims>(r).sub, "J\xc3\xa9r\xc3\xb4me \xf0\x9f\x98\x80");
}

TEST(Jwt, ErrorMessagesAreShortAndDistinct) {
    std::set<std::string_view> seen;
    for (auto e : {sd::JwtError::malformed,
                   sd::JwtError::bad_algorithm,
                   sd::JwtError::bad_signature,
                   sd::JwtError::expired,
                   sd::JwtError::not_yet_valid,
                   sd::JwtError::bad_audience,
                   sd::JwtError::bad_issuer,
                   sd::JwtError::missing_claim,
                   sd::JwtError::unknown_key}) {
        const auto m = sd::to_string(e);
        EXPECT_FALSE(m.empty());
        EXPECT_LT(m.size(), 40u);
        EXPECT_TRUE(seen.insert(m).second) << m;
    }
}
