// The contract every PasswordScheme keeps, checked for each scheme; scheme names and options of
// make_password_scheme; the length cap before hashing (REQ-PWD-04, -06).
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;
using namespace std::string_literals;

namespace {

const std::vector<std::string> kAllSchemes{"bcrypt", "argon2", "scrypt", "sha512crypt", "plaintext", "b64", "a85"};

class PasswordSchemeContract : public testing::TestWithParam<std::string> {};

TEST_P(PasswordSchemeContract, NameAndRoundTrip) {
    const auto scheme = cheap_scheme(GetParam());
    EXPECT_EQ(scheme->name(), GetParam());
    for (const auto& pw : {"correct horse battery staple"s, "p\xC3\xA4ssword"s, std::string(64, 'x'), ""s}) {
        const std::string h = scheme->hash(pw);
        EXPECT_TRUE(scheme->verify(pw, h)) << pw;
        EXPECT_TRUE(scheme->recognizes(h)) << h;
        EXPECT_FALSE(scheme->verify(pw + "x", h));
        EXPECT_FALSE(scheme->verify("wrong", h));
    }
}

TEST_P(PasswordSchemeContract, WrongPasswordsFail) {
    const auto scheme = cheap_scheme(GetParam());
    const std::string h = scheme->hash("Secret");
    for (const auto& wrong : {"secret"s, "Secre"s, "Secret "s, " Secret"s, "SECRET"s, ""s, "Secret\0"s})
        EXPECT_FALSE(scheme->verify(wrong, h)) << wrong;
}

TEST_P(PasswordSchemeContract, NfcAndNfdAreDifferentPasswords) {
    const auto scheme = cheap_scheme(GetParam());
    const std::string nfc = "p\xC3\xA4ssword";   // ä precomposed
    const std::string nfd = "pa\xCC\x88ssword";  // a + combining diaeresis
    EXPECT_FALSE(scheme->verify(nfd, scheme->hash(nfc)));
    EXPECT_FALSE(scheme->verify(nfc, scheme->hash(nfd)));
}

TEST_P(PasswordSchemeContract, NulNeverTruncates) {
    // Either NUL is part of the password or it is refused (REQ-PWD-06); scrypt's HMAC key padding
    // would otherwise make "abc" and "abc\0" the same password.
    const auto scheme = cheap_scheme(GetParam());
    const std::string abc = scheme->hash("abc");
    EXPECT_FALSE(scheme->verify("abc\0"s, abc));
    EXPECT_FALSE(scheme->verify("abc\0def"s, abc));
    try {
        const std::string h = scheme->hash("abc\0def"s);
        EXPECT_TRUE(scheme->verify("abc\0def"s, h));
        EXPECT_FALSE(scheme->verify("abc", h));
    } catch (const std::invalid_argument&) {
        SUCCEED() << "refused";
    }
}

TEST_P(PasswordSchemeContract, MalformedHashesAreFalseNotCrashes) {
    const auto scheme = cheap_scheme(GetParam());
    const std::string good = scheme->hash("pw");
    std::vector<std::string> bad{"",
                                 "$",
                                 "$$$$",
                                 "garbage",
                                 std::string(100000, 'A'),
                                 "\0\0\0"s,
                                 "$2b$04$",
                                 "$argon2id$",
                                 "$6$",
                                 "$argon2id$v=19$m=64,t=1,p=1$$",
                                 "$6$rounds=$x$y"};
    for (std::size_t cut = 1; cut < good.size(); cut += 7) bad.push_back(good.substr(0, cut));
    for (std::size_t at = 0; at < good.size(); at += 5) {
        std::string flipped = good;
        flipped[at] = flipped[at] == 'A' ? 'B' : 'A';
        if (flipped != good) bad.push_back(flipped);
    }
    for (const auto& h : bad) {
        EXPECT_FALSE(scheme->verify("pw", h)) << h.substr(0, 80);
        (void)scheme->recognizes(h);
        (void)scheme->weaker_than_configured(h);
    }
}

TEST_P(PasswordSchemeContract, LengthCapCheckedBeforeHashing) {
    const auto scheme = cheap_scheme(GetParam());
    const std::string huge(1 << 20, 'a');
    EXPECT_THROW(scheme->hash(huge), std::invalid_argument);
    EXPECT_THROW(scheme->hash(std::string(sd::kMaxPasswordBytes + 1, 'a')), std::invalid_argument);
    EXPECT_FALSE(scheme->verify(huge, scheme->hash("a")));
    // bcrypt keeps its own 72-byte limit, sha512crypt libxcrypt's 511.
    const std::size_t longest_size = GetParam() == "bcrypt"        ? 72
                                     : GetParam() == "sha512crypt" ? 511
                                                                   : sd::kMaxPasswordBytes;
    const std::string longest(longest_size, 'a');
    EXPECT_TRUE(scheme->verify(longest, scheme->hash(longest)));
    EXPECT_THROW(scheme->hash(longest + "a"), std::invalid_argument);
    EXPECT_FALSE(scheme->verify(longest + "a", scheme->hash("a")));
}

TEST_P(PasswordSchemeContract, OtherSchemesHashesNotRecognized) {
    const auto scheme = cheap_scheme(GetParam());
    if (scheme->legacy()) GTEST_SKIP() << "legacy encodings overlap other formats by nature";
    for (const auto& other : kAllSchemes) {
        if (other == GetParam()) continue;
        const std::string h = cheap_scheme(other)->hash("pw12345678");
        EXPECT_FALSE(scheme->recognizes(h)) << other << ": " << h;
        EXPECT_FALSE(scheme->verify("pw12345678", h)) << other;
    }
}

TEST_P(PasswordSchemeContract, FreshSaltEachTime) {
    const auto scheme = cheap_scheme(GetParam());
    if (scheme->legacy()) GTEST_SKIP() << "legacy encodings are deterministic";
    EXPECT_NE(scheme->hash("same"), scheme->hash("same"));
}

INSTANTIATE_TEST_SUITE_P(AllSchemes, PasswordSchemeContract, testing::ValuesIn(kAllSchemes), [](const auto& info) {
    return info.param;
});

}  // namespace

TEST(PasswordSchemeNames, UpstreamSpellings) {
    const std::vector<std::pair<std::string, std::string>> names{
        {"fsa:bcrypt", "bcrypt"},
        {"passlib:bcrypt", "bcrypt"},
        {"fsa:argon2", "argon2"},
        {"passlib:argon2", "argon2"},
        {"fsa:scrypt", "scrypt"},
        {"sha512_crypt", "sha512crypt"},
        {"passlib:sha512_crypt", "sha512crypt"},
        {"fsa:plaintext", "plaintext"},
        {"passlib:plaintext", "plaintext"},
        {"fsa:b64", "b64"},
        {"fsa:a85", "a85"},
    };
    for (const auto& [spelling, canonical] : names) {
        const auto scheme = sd::make_password_scheme(spelling, {});
        EXPECT_EQ(scheme->name(), canonical) << spelling;
    }
    EXPECT_TRUE(sd::make_password_scheme("plaintext", {})->legacy());
    EXPECT_TRUE(sd::make_password_scheme("b64", {})->legacy());
    EXPECT_TRUE(sd::make_password_scheme("a85", {})->legacy());
    EXPECT_FALSE(sd::make_password_scheme("bcrypt", {})->legacy());
}

TEST(PasswordSchemeNames, UnknownRefused) {
    for (const std::string name :
         {"", "md5_crypt", "otp", "fsa:otp", "ldap", "passlib:scrypt", "BCRYPT", "fsa:", "x:bcrypt"}) {
        try {
            sd::make_password_scheme(name, {});
            ADD_FAILURE() << name;
        } catch (const std::invalid_argument& e) {
            EXPECT_EQ(std::string(e.what()), "unexpected password scheme: " + name);
        }
    }
}

TEST(PasswordSchemeOptions, UnknownOptionRefused) {
    try {
        sd::make_password_scheme("bcrypt", {{"roundz", "12"}});
        ADD_FAILURE();
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "unexpected password option: roundz");
    }
    // An option of another scheme is unknown to this one.
    EXPECT_THROW(sd::make_password_scheme("bcrypt", {{"memory_cost", "64"}}), std::invalid_argument);
}

TEST(PasswordSchemeOptions, BadValuesNameTheOption) {
    const std::vector<std::tuple<std::string, std::string, std::string>> bad{
        {"bcrypt", "rounds", "3"},
        {"bcrypt", "rounds", "32"},
        {"bcrypt", "rounds", "12x"},
        {"bcrypt", "rounds", ""},
        {"bcrypt", "prefix", "2x"},
        {"argon2", "memory_cost", "7"},
        {"argon2", "time_cost", "0"},
        {"argon2", "parallelism", "0"},
        {"argon2", "hash_len", "8"},
        {"argon2", "salt_len", "4"},
        {"scrypt", "logN", "21"},
        {"scrypt", "logN", "0"},
        {"scrypt", "r", "0"},
        {"scrypt", "p", "0"},
        {"scrypt", "maxtime", "0.05"},
        {"sha512crypt", "rounds", "4999"},
        {"sha512crypt", "rounds", "1000000000"},
        {"sha512crypt", "rounds", "-1"},
    };
    for (const auto& [scheme, option, value] : bad) {
        try {
            sd::make_password_scheme(scheme, {{option, value}});
            ADD_FAILURE() << scheme << " " << option << "=" << value;
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(option), std::string::npos) << e.what();
        }
    }
    // Memory under 8 KiB per lane.
    EXPECT_THROW(sd::make_password_scheme("argon2", {{"memory_cost", "64"}, {"parallelism", "16"}}),
                 std::invalid_argument);
}

TEST(PasswordSchemeOptions, BcryptRoundsAndPrefix) {
    EXPECT_EQ(sd::make_password_scheme("bcrypt", {{"rounds", "4"}})->hash("pw").substr(0, 7), "$2b$04$");
    EXPECT_EQ(sd::make_password_scheme("bcrypt", {{"rounds", "5"}, {"prefix", "2y"}})->hash("pw").substr(0, 7),
              "$2y$05$");
    EXPECT_EQ(sd::make_password_scheme("bcrypt", {{"rounds", "4"}, {"prefix", "$2a$"}})->hash("pw").substr(0, 7),
              "$2a$04$");
    // passlib's spelling, and passlib's default ident $2y$.
    EXPECT_EQ(sd::make_password_scheme("passlib:bcrypt", {{"bcrypt__default_rounds", "4"}})->hash("pw").substr(0, 7),
              "$2y$04$");
    for (const auto* prefix : {"2a", "2b", "2y"}) {
        const auto scheme = sd::make_password_scheme("bcrypt", {{"rounds", "4"}, {"prefix", prefix}});
        const std::string h = scheme->hash("relabelled");
        EXPECT_TRUE(scheme->verify("relabelled", h)) << h;
        EXPECT_FALSE(scheme->verify("relabelleD", h)) << h;
    }
}

TEST(PasswordSchemeOptions, BcryptDefaultCostIsTwelve) {
    // Checked on the hash prefix only would need a 12-round hash (~0.25 s): one is enough.
    const auto scheme = sd::make_password_scheme("bcrypt", {});
    const std::string h = scheme->hash("pw");
    EXPECT_EQ(h.substr(0, 7), "$2b$12$");
    EXPECT_FALSE(scheme->weaker_than_configured(h));
    EXPECT_TRUE(scheme->weaker_than_configured(sd::make_password_scheme("bcrypt", {{"rounds", "10"}})->hash("pw")));
}

TEST(PasswordSchemeOptions, BcryptKeepsItsLimits) {
    const auto scheme = cheap_scheme("bcrypt");
    EXPECT_THROW(scheme->hash(std::string(73, 'a')), std::invalid_argument);
    EXPECT_THROW(scheme->hash("abc\0def"s), std::invalid_argument);
    const std::string h = scheme->hash(std::string(72, 'a'));
    EXPECT_TRUE(scheme->verify(std::string(72, 'a'), h));
    EXPECT_FALSE(scheme->verify(std::string(72, 'a') + "Y", h));
}

TEST(PasswordLengthCap, HugePasswordRefusedBeforeAnyHashing) {
    // REQ-PWD-04: against the costly golden hashes (bcrypt 12, argon2 100 MiB, sha512crypt 656000,
    // py-scrypt), a 1 MiB password is answered in well under 10 ms: no hashing happens.
    const auto golden = simpleauth::test::load_passwords_golden();
    const std::string huge(1 << 20, 'a');
    int checked = 0;
    for (const auto& c : golden["hashes"]) {
        const std::string origin = c["origin"];
        if (origin.find("default") == std::string::npos && origin.find("(upstream)") == std::string::npos) continue;
        const auto scheme = sd::make_password_scheme(c["scheme"].get<std::string>(), {});
        const auto start = std::chrono::steady_clock::now();
        EXPECT_FALSE(scheme->verify(huge, c["hash"].get<std::string>()));
        const auto elapsed = std::chrono::steady_clock::now() - start;
        EXPECT_LT(elapsed, std::chrono::milliseconds(10)) << origin;
        ++checked;
    }
    EXPECT_GE(checked, 5);
}
