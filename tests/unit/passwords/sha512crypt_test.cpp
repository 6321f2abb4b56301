// sha512crypt ($6$) through libxcrypt: rounds honoured, bounds, NUL and length rules.
#include <gtest/gtest.h>

#include <string>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;
using namespace std::string_literals;

TEST(Sha512CryptScheme, RoundsHonoured) {
    // libxcrypt omits rounds= for the algorithm's default of 5000, as passlib does.
    const std::string h5000 = cheap_scheme("sha512crypt")->hash("pw");
    EXPECT_TRUE(h5000.starts_with("$6$")) << h5000;
    EXPECT_EQ(h5000.find("rounds="), std::string::npos) << h5000;
    const auto scheme = sd::make_password_scheme("sha512crypt", {{"rounds", "6001"}});
    const std::string h = scheme->hash("pw");
    EXPECT_TRUE(h.starts_with("$6$rounds=6001$")) << h;
    // 16 salt characters, 86 digest characters.
    EXPECT_EQ(h.size(), std::string("$6$rounds=6001$").size() + 16 + 1 + 86) << h;
    EXPECT_TRUE(scheme->verify("pw", h));
    EXPECT_TRUE(scheme->weaker_than_configured(h5000));
    EXPECT_FALSE(scheme->weaker_than_configured(h));
    EXPECT_EQ(sd::make_password_scheme("passlib:sha512_crypt", {{"sha512_crypt__default_rounds", "5001"}})
                  ->hash("pw")
                  .substr(0, 15),
              "$6$rounds=5001$");
}

TEST(Sha512CryptScheme, DefaultRoundsLikePasslib) {
    // Parsed, not run: 656000 rounds cost a few hundred milliseconds.
    const auto scheme = sd::make_password_scheme("sha512crypt", {});
    EXPECT_TRUE(
        scheme->weaker_than_configured("$6$rounds=655999$" + std::string(16, 'a') + "$" + std::string(86, 'b')));
    EXPECT_FALSE(
        scheme->weaker_than_configured("$6$rounds=656000$" + std::string(16, 'a') + "$" + std::string(86, 'b')));
}

TEST(Sha512CryptScheme, NulRefusedNotTruncated) {
    const auto scheme = cheap_scheme("sha512crypt");
    EXPECT_THROW(scheme->hash("abc\0def"s), std::invalid_argument);
    EXPECT_FALSE(scheme->verify("abc\0def"s, scheme->hash("abc")));
}

TEST(Sha512CryptScheme, CostlyForgedRoundsRefused) {
    // Valid shape, 999999999 rounds: refused by the bound, not computed for minutes.
    const auto scheme = cheap_scheme("sha512crypt");
    EXPECT_FALSE(scheme->verify("pw", "$6$rounds=999999999$saltsaltsaltsalt$" + std::string(86, 'a')));
    EXPECT_TRUE(scheme->recognizes("$6$rounds=999999999$saltsaltsaltsalt$" + std::string(86, 'a')));
    EXPECT_FALSE(scheme->recognizes("$6$rounds=0100$saltsaltsaltsalt$" + std::string(86, 'a')));
    EXPECT_FALSE(scheme->recognizes("$6$saltsaltsaltsaltX$" + std::string(86, 'a')));  // salt over 16
    EXPECT_FALSE(scheme->recognizes("$6$salt$" + std::string(85, 'a')));
    EXPECT_FALSE(scheme->recognizes("$5$salt$" + std::string(43, 'a')));
}
