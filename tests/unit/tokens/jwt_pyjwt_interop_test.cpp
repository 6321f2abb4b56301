// Interop with PyJWT 2.6.0 (Debian python3-jwt), the library upstream FlaskSimpleAuth uses.
// Golden tokens: tests/unit/testdata/pyjwt_tokens.json, made once by testdata/generate_golden.py.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "tokens/jwt.hpp"

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
