// Interop with PyJWT 2.6.0 (Debian python3-jwt), the library upstream FlaskSimpleAuth uses.
// Golden tokens: tests/unit/testdata/pyjwt_tokens.json, made once by testdata/generate_golden.py.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "tokens/jwt.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sd = simpleauth::detail;

namespace {

// The golden data sits next to the test sources; __FILE__ is absolute in CMake builds.
nlohmann::json load_golden(const char* name) {
    const auto path = std::filesystem::path(__FILE__).parent_path().parent_path() / "testdata" / name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing golden file " + path.string());
    return nlohmann::json::parse(in);
}

std::optional<std::string> optional_string(const nlohmann::json& claims, const char* name) {
    if (!claims.contains(name)) return std::nullopt;
    return claims.at(name).get<std::string>();
}

}  // namespace

TEST(PyJwtInterop, CreateIsByteIdenticalAndVerifiesPyJwtTokens) {
    const auto golden = load_golden("pyjwt_tokens.json");
    ASSERT_EQ(golden.at("generator"), "PyJWT 2.6.0");
    int checked = 0;
    for (const auto& item : golden.at("tokens")) {
        sd::JwtSettings s;
        s.algorithm = item.at("alg");
        s.secret = item.at("secret");
        const auto& claims = item.at("claims");
        const std::string token = item.at("token");
        const auto iss = optional_string(claims, "iss");
        const auto scope = optional_string(claims, "scope");
        const std::string aud = claims.at("aud");
        const std::string sub = claims.at("sub");
        const std::int64_t exp = claims.at("exp");

        const std::string ours = sd::jwt_create(s,
                                                sub,
                                                aud,
                                                exp,
                                                iss ? std::optional<std::string_view>(*iss) : std::nullopt,
                                                scope ? std::optional<std::string_view>(*scope) : std::nullopt);
        EXPECT_EQ(ours, token) << "differs from PyJWT for sub " << claims.at("sub").dump();

        const auto r =
            sd::jwt_verify(s, token, aud, iss ? std::optional<std::string_view>(*iss) : std::nullopt, 1'700'000'000);
        ASSERT_TRUE(std::holds_alternative<sd::JwtClaims>(r)) << sd::to_string(std::get<sd::JwtError>(r));
        const auto& c = std::get<sd::JwtClaims>(r);
        EXPECT_EQ(c.sub, sub);
        EXPECT_EQ(c.exp, exp);
        EXPECT_EQ(c.aud, std::vector<std::string>{aud});
        EXPECT_EQ(c.iss, iss);
        EXPECT_EQ(c.scope, scope);
        ++checked;
    }
    EXPECT_EQ(checked, 5);
    std::printf("[ pyjwt ] %d PyJWT 2.6.0 tokens: byte-identical jwt_create and accepted by jwt_verify\n", checked);
}

TEST(PyJwtInterop, UpstreamAcceptanceExample) {
    // fsa-behaviour.md §5.3: the token accepted by acceptance app F.
    sd::JwtSettings s;
    s.secret = "FSA acceptance JWT secret 0123456789";
    const std::string token = sd::jwt_create(s, "rosalyn", "4ops", 4102444800, "god", "character");
    EXPECT_EQ(
        token,
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6InJvc2FseW4iLCJhdWQiOiI0b3BzIiwiaXNzIjoiZ29kIiwic2NvcGUiOiJjaGFyYWN0ZXIifQ."
        "U0iPKLHPmqw3jRjWAQOTK5lG_kaUkz3EyEQGqs68jdA");
    EXPECT_TRUE(std::holds_alternative<sd::JwtClaims>(sd::jwt_verify(s, token, "4ops", "god", 1'700'000'000)));
    // After its expiry it is refused.
    EXPECT_EQ(std::get<sd::JwtError>(sd::jwt_verify(s, token, "4ops", "god", 4102444800)), sd::JwtError::expired);
}

// Tokens PyJWT 2.6 made with the keys of testdata/jwt_keys: all verify here, and for the
// deterministic algorithms (RS*, EdDSA) jwt_create makes the very same bytes.
TEST(PyJwtInterop, PublicKeyAlgorithms) {
    const auto golden = load_golden("pyjwt_tokens.json");
    std::map<std::string, int> per_alg;
    int identical = 0;
    for (const auto& item : golden.at("key_tokens")) {
        sd::JwtSettings s;
        s.algorithm = item.at("alg");
        const std::string key = item.at("key");
        s.secret = jwt_test::key_pem(key + "_public.pem");
        s.signing_key = jwt_test::key_pem(key + "_private.pem");
        sd::jwt_load_keys(s);
        const auto& claims = item.at("claims");
        const std::string token = item.at("token");
        const auto iss = optional_string(claims, "iss");
        const auto scope = optional_string(claims, "scope");
        const std::string aud = claims.at("aud");
        const auto r =
            sd::jwt_verify(s, token, aud, iss ? std::optional<std::string_view>(*iss) : std::nullopt, 1'700'000'000);
        ASSERT_TRUE(std::holds_alternative<sd::JwtClaims>(r))
            << s.algorithm << ": " << sd::to_string(std::get<sd::JwtError>(r));
        EXPECT_EQ(std::get<sd::JwtClaims>(r).sub, claims.at("sub").get<std::string>());
        EXPECT_EQ(std::get<sd::JwtClaims>(r).scope, scope);
        if (item.at("deterministic").get<bool>()) {
            const std::string ours = sd::jwt_create(s,
                                                    claims.at("sub").get<std::string>(),
                                                    aud,
                                                    claims.at("exp").get<std::int64_t>(),
                                                    iss ? std::optional<std::string_view>(*iss) : std::nullopt,
                                                    scope ? std::optional<std::string_view>(*scope) : std::nullopt);
            EXPECT_EQ(ours, token) << s.algorithm << " differs from PyJWT";
            ++identical;
        }
        ++per_alg[s.algorithm];
    }
    EXPECT_EQ(per_alg.size(), 10U);
    EXPECT_EQ(identical, 5);
    std::printf("[ pyjwt ] %zu public-key algorithms: %d PyJWT tokens verified, %d byte-identical (RS*, EdDSA)\n",
                per_alg.size(),
                static_cast<int>(golden.at("key_tokens").size()),
                identical);
}

namespace {

struct PyResult {
    int status;
    std::string output;
};

// Runs the PyJWT checker of testdata/ with Debian's interpreter (python3-jwt lives there, not in a
// pyenv python3 that may come first on PATH).
PyResult pyjwt_decode(const std::string& alg, const std::string& key, const std::string& token, const char* issuer) {
    // Tokens are base64url and dots, keys are paths or our ASCII test secret: none holds a quote.
    const std::string command = "printf %s '" + token + "' | /usr/bin/python3 '" +
                                jwt_test::testdata("jwt_pyjwt_verify.py").string() + "' " + alg + " '" + key +
                                "' Test" + (issuer ? std::string(" ") + issuer : std::string()) + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return {-1, "popen failed"};
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

// The reverse direction: tokens made here decode in PyJWT with audience (and issuer) checks and
// algorithms=[alg], as upstream FlaskSimpleAuth calls it.
TEST(PyJwtInterop, PyJwtAcceptsOurTokens) {
    if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 is missing";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"HS256", ""},
        {"HS384", ""},
        {"HS512", ""},
        {"RS256", "rsa2048"},
        {"RS384", "rsa2048"},
        {"RS512", "rsa2048"},
        {"PS256", "rsa2048"},
        {"PS384", "rsa2048"},
        {"PS512", "rsa2048"},
        {"ES256", "p256"},
        {"ES384", "p384"},
        {"ES512", "p521"},
        {"EdDSA", "ed25519"},
    };
    const std::string hmac_secret = "a 64-byte secret for HS512 interop tests, padded to length........";
    const std::string sub = "J\u00e9r\u00f4me \"q\" \\ /";
    int checked = 0;
    for (const auto& [alg, key] : cases) {
        sd::JwtSettings s;
        s.algorithm = alg;
        std::string verify_key = hmac_secret;
        if (key.empty()) {
            s.secret = hmac_secret;
        } else {
            s.secret = jwt_test::key_pem(key + "_public.pem");
            s.signing_key = jwt_test::key_pem(key + "_private.pem");
            verify_key = jwt_test::testdata("jwt_keys/" + key + "_public.pem").string();
        }
        const std::string token = sd::jwt_create(s, sub, "Test", 4102444800, "self", "read write");
        const PyResult r = pyjwt_decode(alg, verify_key, token, "self");
        if (r.status == 3) GTEST_SKIP() << "python3-jwt or python3-cryptography missing: " << r.output;
        ASSERT_EQ(r.status, 0) << alg << ": PyJWT refused our token: " << r.output;
        const auto decoded = nlohmann::json::parse(r.output);
        EXPECT_EQ(decoded.at("header"), (nlohmann::json{{"alg", alg}, {"typ", "JWT"}})) << alg;
        EXPECT_EQ(decoded.at("claims"),
                  (nlohmann::json{
                      {"exp", 4102444800}, {"sub", sub}, {"aud", "Test"}, {"iss", "self"}, {"scope", "read write"}}))
            << alg;
        // PyJWT's own checks still bite: another audience or issuer is refused.
        EXPECT_EQ(pyjwt_decode(alg, verify_key, token, "other").status, 1) << alg;
        ++checked;
    }
    std::printf("[ pyjwt ] %d algorithms: tokens from jwt_create decoded by PyJWT 2.6 (audience, issuer checked)\n",
                checked);
}
