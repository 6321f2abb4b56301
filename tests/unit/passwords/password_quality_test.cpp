// Upstream's quality rules of hash_password and their exact messages.
#include <gtest/gtest.h>

#include <string>

#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;

TEST(PasswordQuality, FineByDefault) {
    EXPECT_EQ(sd::password_quality_error("", 0, {}), "");
    EXPECT_EQ(sd::password_quality_error("correct horse battery staple", 0, {}), "");
}

TEST(PasswordQuality, LengthInCharactersLikePython) {
    EXPECT_EQ(sd::password_quality_error("short", 8, {}), "password is too short, must be at least 8");
    EXPECT_EQ(sd::password_quality_error("12345678", 8, {}), "");
    // Seven characters, fourteen bytes: too short, as Python's len() says.
    EXPECT_EQ(sd::password_quality_error("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 8, {}),
              "password is too short, must be at least 8");
}

TEST(PasswordQuality, RegexesSearchedInOrder) {
    const std::vector<std::string> res{"[a-z]", "[A-Z]", "[0-9]"};
    EXPECT_EQ(sd::password_quality_error("ABC123", 0, res), "password must match [a-z]");
    EXPECT_EQ(sd::password_quality_error("abc123", 0, res), "password must match [A-Z]");
    EXPECT_EQ(sd::password_quality_error("abcABC", 0, res), "password must match [0-9]");
    EXPECT_EQ(sd::password_quality_error("aB3", 0, res), "");
    // Length first, then regexes.
    EXPECT_EQ(sd::password_quality_error("ab", 3, res), "password is too short, must be at least 3");
    // search, not full match.
    EXPECT_EQ(sd::password_quality_error("xx1xx", 0, {"\\d"}), "");
    EXPECT_EQ(sd::password_quality_error("xx1xx", 0, {"^\\d"}), "password must match ^\\d");
}

TEST(PasswordQuality, InvalidRegexRefused) {
    EXPECT_THROW(sd::password_quality_error("x", 0, {"("}), std::invalid_argument);
}
