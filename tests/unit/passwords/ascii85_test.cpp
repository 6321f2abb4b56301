// Ascii85 against Python's base64.a85encode / a85decode (golden data).
#include "passwords/ascii85.hpp"

#include <gtest/gtest.h>

#include <string>

#include "passwords/password_test_support.hpp"
#include "tokens/hmac.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::from_hex;
using namespace std::string_literals;

TEST(Ascii85, KnownVectors) {
    EXPECT_EQ(sd::ascii85_encode(""), "");
    EXPECT_EQ(sd::ascii85_encode("Hello World!"), "87cURD]i,\"Ebo80");
    EXPECT_EQ(sd::ascii85_encode("\0\0\0\0"s), "z");
    EXPECT_EQ(sd::ascii85_encode("\0\0\0\0\0"s), "z!!");
    EXPECT_EQ(sd::ascii85_encode("\0"s), "!!");  // a partial zero group is never 'z'
    EXPECT_EQ(sd::ascii85_encode("\xff\xff\xff\xff"), "s8W-!");
}

TEST(Ascii85, MatchesPythonEncoder) {
    const auto golden = simpleauth::test::load_passwords_golden();
    int checked = 0;
    for (const auto& c : golden["hashes"]) {
        if (c["scheme"] != "a85") continue;
        const std::string bytes = from_hex(c["password_hex"].get<std::string>());
        EXPECT_EQ(sd::ascii85_encode(bytes), c["hash"].get<std::string>());
        EXPECT_EQ(sd::ascii85_decode(c["hash"].get<std::string>()), bytes);
        ++checked;
    }
    EXPECT_GE(checked, 10);
}

TEST(Ascii85, MatchesPythonDecoderOnOddInput) {
    const auto golden = simpleauth::test::load_passwords_golden();
    for (const auto& c : golden["a85_decode"]) {
        const std::string text = from_hex(c["text_hex"].get<std::string>());
        const auto decoded = sd::ascii85_decode(text);
        if (c["bytes_hex"].is_null()) {
            EXPECT_FALSE(decoded) << text;
        } else {
            ASSERT_TRUE(decoded) << text;
            EXPECT_EQ(*decoded, from_hex(c["bytes_hex"].get<std::string>())) << text;
        }
    }
}

TEST(Ascii85, RandomRoundTrips) {
    for (std::size_t n = 0; n < 200; ++n) {
        std::string bytes = sd::random_bytes(n % 23);
        if (n % 3 == 0 && bytes.size() >= 8) bytes.replace(2, 4, 4, '\0');
        EXPECT_EQ(sd::ascii85_decode(sd::ascii85_encode(bytes)), bytes);
    }
}
