// plaintext, b64 and a85 (upstream's legacy schemes) against Python's outputs.
#include <gtest/gtest.h>

#include <string>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::from_hex;

TEST(LegacySchemes, MatchPythonEncodings) {
    const auto golden = simpleauth::test::load_passwords_golden();
    const std::string wrong = from_hex(golden["wrong_password_hex"].get<std::string>());
    int checked = 0;
    for (const auto& c : golden["hashes"]) {
        const std::string name = c["scheme"];
        if (name != "plaintext" && name != "b64" && name != "a85") continue;
        const auto scheme = sd::make_password_scheme(name, {});
        const std::string password = from_hex(c["password_hex"].get<std::string>());
        const std::string h = c["hash"];
        EXPECT_EQ(scheme->hash(password), h) << name;
        EXPECT_TRUE(scheme->verify(password, h)) << name << " " << h;
        EXPECT_FALSE(scheme->verify(wrong, h)) << name;
        EXPECT_TRUE(scheme->recognizes(h));
        ++checked;
    }
    EXPECT_GE(checked, 30);
}

TEST(LegacySchemes, DecodeThenCompare) {
    // Upstream decodes the stored value: Python's a85decode ignores whitespace, so do we.
    EXPECT_TRUE(sd::make_password_scheme("a85", {})->verify("Hello World!", "87cURD]i,\"E bo80\n"));
    // Our base64 is strict: a non-canonical spelling is not recognized.
    const auto b64 = sd::make_password_scheme("b64", {});
    EXPECT_TRUE(b64->verify("pw", "cHc="));
    EXPECT_FALSE(b64->verify("pw", "cHc"));
    EXPECT_FALSE(b64->recognizes("cHd="));
    EXPECT_FALSE(b64->recognizes("not base64!"));
    EXPECT_FALSE(sd::make_password_scheme("a85", {})->recognizes("{not a85}"));
    EXPECT_TRUE(sd::make_password_scheme("plaintext", {})->recognizes("anything at all"));
}

TEST(LegacySchemes, NotRehashedByThemselvesButFlagged) {
    for (const char* name : {"plaintext", "b64", "a85"}) {
        const auto scheme = sd::make_password_scheme(name, {});
        EXPECT_TRUE(scheme->legacy());
        EXPECT_FALSE(scheme->weaker_than_configured(scheme->hash("pw")));
    }
}
