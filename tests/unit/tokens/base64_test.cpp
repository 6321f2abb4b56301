// Strict base64 / base64url: round trips and every rejection rule (RFC 4648 §3.3, §3.5, §4, §5).
#include "tokens/base64.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sd = simpleauth::detail;
using namespace std::string_literals;

namespace {

std::string all_bytes() {
    std::string s;
    for (int i = 0; i < 256; ++i) s += static_cast<char>(i);
    return s;
}

}  // namespace

TEST(Base64, Rfc4648Vectors) {
    // RFC 4648 §10 test vectors.
    EXPECT_EQ(sd::base64_encode(""), "");
    EXPECT_EQ(sd::base64_encode("f"), "Zg==");
    EXPECT_EQ(sd::base64_encode("fo"), "Zm8=");
    EXPECT_EQ(sd::base64_encode("foo"), "Zm9v");
    EXPECT_EQ(sd::base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(sd::base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(sd::base64_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(sd::base64url_encode("f"), "Zg");
    EXPECT_EQ(sd::base64url_encode("fo"), "Zm8");
    EXPECT_EQ(sd::base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(sd::base64_decode("Zm9vYg==").value(), "foob");
    EXPECT_EQ(sd::base64url_decode("Zm9vYmE").value(), "fooba");
    EXPECT_EQ(sd::base64_decode("").value(), "");
    EXPECT_EQ(sd::base64url_decode("").value(), "");
}

TEST(Base64, AlphabetsDiffer) {
    const std::string bytes = "\xfb\xff\xbf"s;
    EXPECT_EQ(sd::base64_encode(bytes), "+/+/");
    EXPECT_EQ(sd::base64url_encode(bytes), "-_-_");
    EXPECT_EQ(sd::base64_decode("+/+/").value(), bytes);
    EXPECT_EQ(sd::base64url_decode("-_-_").value(), bytes);
    EXPECT_FALSE(sd::base64_decode("-_-_"));
    EXPECT_FALSE(sd::base64url_decode("+/+/"));
}

TEST(Base64, RoundTripsEveryLengthAndByte) {
    const std::string bytes = all_bytes();
    for (std::size_t len = 0; len <= bytes.size(); ++len) {
        // Rotate so that every byte value appears at every position modulo 3.
        const std::string data = bytes.substr(len % 256) + bytes.substr(0, len % 256);
        const std::string chunk = data.substr(0, len);
        const std::string std_form = sd::base64_encode(chunk);
        const std::string url_form = sd::base64url_encode(chunk);
        ASSERT_EQ(std_form.size() % 4, 0u);
        ASSERT_EQ(url_form.find('='), std::string::npos);
        ASSERT_EQ(sd::base64_decode(std_form), chunk) << len;
        ASSERT_EQ(sd::base64url_decode(url_form), chunk) << len;
    }
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
    for (const char* bad :
         {"Zm9v!A==", "Zm9v YQ==", "Zm9v\nYQ==", " Zm9v", "Zm9v ", "Zm9v\r\n", "Zm9\xc3\xa9", "Zm.v", "Zm-v", "Zm_v"}) {
        EXPECT_FALSE(sd::base64_decode(bad)) << bad;
    }
    EXPECT_FALSE(sd::base64_decode("Zm9\0v"s));
    for (const char* bad : {"Zm9v!A", "Zm9v YQ", "Zm9v\nYQ", " Zm9v", "Zm9v ", "Zm+v", "Zm/v", "Zm.v", "Zm9\xc3\xa9"}) {
        EXPECT_FALSE(sd::base64url_decode(bad)) << bad;
    }
    EXPECT_FALSE(sd::base64url_decode("Zm9\0v"s));
}

TEST(Base64, StandardFormRequiresExactPadding) {
    EXPECT_FALSE(sd::base64_decode("Zg"));        // missing padding
    EXPECT_FALSE(sd::base64_decode("Zg="));       // short padding
    EXPECT_FALSE(sd::base64_decode("Zm8"));       // missing padding
    EXPECT_FALSE(sd::base64_decode("Zg==="));     // too long
    EXPECT_FALSE(sd::base64_decode("Z==="));      // three pads: no encoder produces this
    EXPECT_FALSE(sd::base64_decode("===="));      // only padding
    EXPECT_FALSE(sd::base64_decode("Zg==Zg=="));  // padding in the middle (concatenation)
    EXPECT_FALSE(sd::base64_decode("Zm=v"));      // `=` inside a quantum
    EXPECT_FALSE(sd::base64_decode("Zm9vYg==="));
    EXPECT_FALSE(sd::base64_decode("Z"));
    EXPECT_TRUE(sd::base64_decode("Zg=="));
    EXPECT_TRUE(sd::base64_decode("Zm8="));
}

TEST(Base64, UrlFormRefusesPadding) {
    EXPECT_FALSE(sd::base64url_decode("Zg=="));
    EXPECT_FALSE(sd::base64url_decode("Zm8="));
    EXPECT_FALSE(sd::base64url_decode("Zm9v="));
    EXPECT_FALSE(sd::base64url_decode("="));
    EXPECT_FALSE(sd::base64url_decode("Z"));      // a single character carries 6 bits: no byte
    EXPECT_FALSE(sd::base64url_decode("Zm9vY"));  // length % 4 == 1
    EXPECT_TRUE(sd::base64url_decode("Zg"));
    EXPECT_TRUE(sd::base64url_decode("Zm8"));
}

TEST(Base64, RejectsNonCanonicalTrailingBits) {
    // "QQ" is the only encoding of "A"; "QR".."QZ"... differ only in the 4 unused bits.
    EXPECT_EQ(sd::base64url_decode("QQ").value(), "A");
    EXPECT_EQ(sd::base64_decode("QQ==").value(), "A");
    for (const char* bad : {"QR", "QS", "QT", "QU", "QV", "QW", "QX", "QY", "QZ", "Qa", "Qf", "Q_", "Q-"}) {
        EXPECT_FALSE(sd::base64url_decode(bad)) << bad;
    }
    for (const char* bad : {"QR==", "QZ==", "Qf==", "Q/=="}) {
        EXPECT_FALSE(sd::base64_decode(bad)) << bad;
    }
    // Two bytes: 2 unused bits in the third character. "QUE" encodes "AA"... check the neighbours.
    EXPECT_EQ(sd::base64url_decode("QUE").value(), "AA");
    EXPECT_FALSE(sd::base64url_decode("QUF"));
    EXPECT_FALSE(sd::base64url_decode("QUG"));
    EXPECT_FALSE(sd::base64url_decode("QUH"));
    EXPECT_EQ(sd::base64_decode("QUE=").value(), "AA");
    EXPECT_FALSE(sd::base64_decode("QUF="));
    // Wycheproof JWS tcId 374: "AB" instead of the canonical "AA" for one zero byte.
    EXPECT_EQ(sd::base64url_decode("AA").value(), "\0"s);
    EXPECT_FALSE(sd::base64url_decode("AB"));
}

TEST(Base64, EveryCanonicalStringIsTheOnlyEncodingOfItsBytes) {
    // Exhaustive over all 2- and 3-character url strings: a string decodes iff it equals the
    // encoding of what it decodes to.
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int accepted = 0;
    for (char a : alphabet) {
        for (char b : alphabet) {
            const std::string two{a, b};
            if (auto d = sd::base64url_decode(two)) {
                ++accepted;
                ASSERT_EQ(sd::base64url_encode(*d), two);
            }
            for (char c : alphabet) {
                const std::string three{a, b, c};
                if (auto d = sd::base64url_decode(three)) {
                    ++accepted;
                    ASSERT_EQ(sd::base64url_encode(*d), three);
                }
            }
        }
    }
    EXPECT_EQ(accepted, 256 + 65536);  // exactly one string per byte sequence of length 1 and 2
}
