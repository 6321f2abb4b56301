// JWT key rotation by `kid` (SimpleAuth extension, SECURITY.md REQ-JWT-10, security-baseline ASK-15):
// FSA_TOKEN_KID names the current key, FSA_TOKEN_KEYS the other accepted ones. A token's `kid`
// selects exactly one configured key; an unknown `kid` is refused without trying the others.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "jwt_test_support.hpp"
#include "tokens/jwt.hpp"

namespace sd = simpleauth::detail;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kRealm = "Test";
const std::string kCurrent = "the current HS256 secret, 32 bytes or more";
const std::string kOld = "the previous HS256 secret, 32 bytes or more";
const std::string kClaims = R"({"exp":4102444800,"sub":"calvin","aud":"Test"})";

// Current key "2026-11", previous key "2026-10" still accepted.
sd::JwtSettings rotating() {
    sd::JwtSettings s;
    s.secret = kCurrent;
    s.kid = "2026-11";
    s.other_keys = {{"2026-10", kOld}};
    sd::jwt_load_keys(s);
    return s;
}

std::string forge(std::string_view header, const std::string& secret) {
    return sd::jws_sign_hmac("HS256", secret, header, kClaims);
}

std::optional<sd::JwtError> error_of(const sd::JwtSettings& s, std::string_view token) {
    const auto r = sd::jwt_verify(s, token, kRealm, std::nullopt, kNow);
    if (const auto* e = std::get_if<sd::JwtError>(&r)) return *e;
    return std::nullopt;
}

std::string load_error(sd::JwtSettings s) {
    try {
        sd::jwt_load_keys(s);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(JwtKid, EachKidVerifiesWithItsKeyOnly) {
    const auto s = rotating();
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"2026-11"})", kCurrent)), std::nullopt);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"2026-10"})", kOld)), std::nullopt);
    // a key of the set under another key's id is refused: no trying of the other keys
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"2026-11"})", kOld)), sd::JwtError::bad_signature);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"2026-10"})", kCurrent)), sd::JwtError::bad_signature);
}

TEST(JwtKid, UnknownKidRefused) {
    const auto s = rotating();
    // compared exactly: no case folding, no trimming, never a path
    for (const char* kid : {"2026-09", "2026-1", "2026-11 ", "2026-1\\u0031x", "../2026-11", ""}) {
        const std::string header = std::string(R"({"alg":"HS256","kid":")") + kid + "\"}";
        EXPECT_EQ(error_of(s, forge(header, kCurrent)), sd::JwtError::unknown_key) << kid;
    }
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":")" + std::string(100000, 'k') + "\"}", kCurrent)),
              sd::JwtError::unknown_key);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":11})", kCurrent)), sd::JwtError::malformed);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":null})", kCurrent)), sd::JwtError::malformed);
}

TEST(JwtKid, NoKidUsesTheCurrentKey) {
    const auto s = rotating();
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","typ":"JWT"})", kCurrent)), std::nullopt);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","typ":"JWT"})", kOld)), sd::JwtError::bad_signature);
}

TEST(JwtKid, KeySetWithoutCurrentKid) {
    sd::JwtSettings s;
    s.secret = kCurrent;
    s.other_keys = {{"next", kOld}};
    sd::jwt_load_keys(s);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256"})", kCurrent)), std::nullopt);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"next"})", kOld)), std::nullopt);
    // the current key has no id here, so a token cannot name it
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"current"})", kCurrent)), sd::JwtError::unknown_key);
    const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
    EXPECT_EQ(*sd::base64url_decode(token.substr(0, token.find('.'))), R"({"alg":"HS256","typ":"JWT"})");
}

TEST(JwtKid, CreatedTokensCarryTheCurrentKid) {
    const auto s = rotating();
    const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
    const std::string header = *sd::base64url_decode(token.substr(0, token.find('.')));
    // PyJWT's sorted header keys
    EXPECT_EQ(header, R"({"alg":"HS256","kid":"2026-11","typ":"JWT"})");
    EXPECT_EQ(error_of(s, token), std::nullopt);
}

TEST(JwtKid, RotationKeepsOldTokensWhileTheirKeyIsListed) {
    // before: key "2026-10" is current
    sd::JwtSettings before;
    before.secret = kOld;
    before.kid = "2026-10";
    sd::jwt_load_keys(before);
    const std::string old_token = sd::jwt_create(before, "calvin", kRealm, kNow + 60);
    // during: the new key is current, the old one still listed
    const auto during = rotating();
    EXPECT_EQ(error_of(during, old_token), std::nullopt);
    EXPECT_EQ(error_of(during, sd::jwt_create(during, "calvin", kRealm, kNow + 60)), std::nullopt);
    // after: the old key is removed, its tokens are refused
    auto after = rotating();
    after.other_keys.clear();
    sd::jwt_load_keys(after);
    EXPECT_EQ(error_of(after, old_token), sd::JwtError::unknown_key);
    // settings edited without reloading are noticed (jwt_keys_of reparses), never stale
    auto edited = rotating();
    edited.other_keys.clear();
    EXPECT_EQ(error_of(edited, old_token), sd::JwtError::unknown_key);
}

TEST(JwtKid, WithoutKeyIdsKidIsIgnored) {
    sd::JwtSettings s;
    s.secret = kCurrent;
    sd::jwt_load_keys(s);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":"anything"})", kCurrent)), std::nullopt);
    EXPECT_EQ(error_of(s, forge(R"({"alg":"HS256","kid":42})", kCurrent)), std::nullopt);
}

namespace {

// Loads `s` with one other key, read from testdata; returns the refusal ("" when loaded).
std::string with_other_key(sd::JwtSettings& s, const char* kid, const char* file) {
    s.other_keys = {{kid, jwt_test::key_pem(file)}};
    return load_error(s);
}

}  // namespace

TEST(JwtKid, PublicKeySets) {
    sd::JwtSettings s;
    s.algorithm = "ES256";
    s.secret = jwt_test::key_pem("p256_public.pem");
    s.signing_key = jwt_test::key_pem("p256_private.pem");
    s.kid = "ec";
    // every key must fit the algorithm, whatever its id, and the message names the key
    EXPECT_NE(with_other_key(s, "rsa", "rsa2048_public.pem").find("FSA_TOKEN_KEYS key \"rsa\": ES256 needs an EC key"),
              std::string::npos);
    EXPECT_NE(with_other_key(s, "p384", "p384_public.pem").find("needs a key on curve"), std::string::npos);
    EXPECT_NE(with_other_key(s, "private", "p256_private.pem").find("private key"), std::string::npos);

    s.algorithm = "RS256";
    s.secret = jwt_test::key_pem("rsa2048_public.pem");
    s.signing_key = jwt_test::key_pem("rsa2048_private.pem");
    s.kid = "new";
    EXPECT_NE(with_other_key(s, "weak", "rsa1024_public.pem").find("2048"), std::string::npos);
    ASSERT_EQ(with_other_key(s, "old", "rsa2048_cert.pem"), "");  // a certificate's key, as FSA_TOKEN_SECRET
    sd::jwt_load_keys(s);
    EXPECT_EQ(error_of(s, sd::jwt_create(s, "calvin", kRealm, kNow + 60)), std::nullopt);
}

TEST(JwtKid, BadKeysAndIdsStopLoading) {
    auto s = rotating();
    s.other_keys = {{"pem", jwt_test::key_pem("rsa2048_public.pem")}};  // key confusion
    EXPECT_NE(load_error(s).find("FSA_TOKEN_KEYS key \"pem\""), std::string::npos) << load_error(s);
    s.other_keys = {{"empty", ""}};
    EXPECT_NE(load_error(s).find("empty"), std::string::npos) << load_error(s);
    s.other_keys = {{"2026-11", kOld}};  // the current key's id again
    EXPECT_NE(load_error(s).find("FSA_TOKEN_KID"), std::string::npos) << load_error(s);
    s.other_keys = {{"", kOld}};
    EXPECT_NE(load_error(s).find("1 to 256 bytes"), std::string::npos) << load_error(s);
    s.other_keys = {{std::string(257, 'k'), kOld}};
    EXPECT_NE(load_error(s).find("1 to 256 bytes"), std::string::npos) << load_error(s);
    s.other_keys = {{"a\nb", kOld}};
    EXPECT_NE(load_error(s).find("control"), std::string::npos) << load_error(s);
    s.other_keys.clear();
    s.kid = "";
    EXPECT_NE(load_error(s).find("FSA_TOKEN_KID"), std::string::npos) << load_error(s);
    s.kid = std::string(256, 'k');
    EXPECT_EQ(load_error(s), "");
}
