// argon2: PHC strings as argon2-cffi writes them, options honoured (parsed back from the hash),
// verification bounds, rehash detection (REQ-PWD-01, -07).
#include "passwords/argon2.hpp"

#include <gtest/gtest.h>

#include <string>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;

TEST(Argon2Scheme, DefaultsMeetTheBaseline) {
    const auto scheme = sd::make_password_scheme("argon2", {});
    const std::string h = scheme->hash("correct horse battery staple");
    EXPECT_TRUE(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << h;
    const auto parsed = sd::parse_argon2_hash(h);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->variant, "argon2id");
    EXPECT_EQ(parsed->version, 19u);
    EXPECT_GE(parsed->memory_kib, 19456u);
    EXPECT_GE(parsed->time_cost, 2u);
    EXPECT_EQ(parsed->parallelism, 1u);
    EXPECT_EQ(parsed->salt.size(), 16u);
    EXPECT_EQ(parsed->digest.size(), 32u);
    EXPECT_TRUE(scheme->verify("correct horse battery staple", h));
    EXPECT_FALSE(scheme->weaker_than_configured(h));
}

TEST(Argon2Scheme, OptionsHonoured) {
    const auto scheme = sd::make_password_scheme(
        "argon2",
        {{"memory_cost", "96"}, {"time_cost", "3"}, {"parallelism", "2"}, {"hash_len", "20"}, {"salt_len", "12"}});
    const std::string h = scheme->hash("pw");
    const auto parsed = sd::parse_argon2_hash(h);
    ASSERT_TRUE(parsed) << h;
    EXPECT_EQ(parsed->memory_kib, 96u);
    EXPECT_EQ(parsed->time_cost, 3u);
    EXPECT_EQ(parsed->parallelism, 2u);
    EXPECT_EQ(parsed->digest.size(), 20u);
    EXPECT_EQ(parsed->salt.size(), 12u);
    EXPECT_TRUE(scheme->verify("pw", h));
    // passlib-style prefixed spellings.
    const auto prefixed = sd::make_password_scheme(
        "passlib:argon2", {{"argon2__memory_cost", "80"}, {"argon2__time_cost", "1"}, {"argon2__digest_size", "16"}});
    EXPECT_TRUE(prefixed->hash("pw").starts_with("$argon2id$v=19$m=80,t=1,p=1$"));
}

TEST(Argon2Scheme, ParsesCanonicalPhcOnly) {
    EXPECT_TRUE(sd::parse_argon2_hash("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    EXPECT_TRUE(sd::parse_argon2_hash("$argon2i$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));  // pre-1.3: no v=
    EXPECT_EQ(sd::parse_argon2_hash("$argon2i$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")->version, 16u);
    for (const char* bad : {
             "$argon2x$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
             "$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=064,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=64,p=1,t=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo$",
             "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHR$aGFzaGhhc2hoYXNo",  // non-zero trailing bits
             "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=64,t=1,p=1$$aGFzaGhhc2hoYXNo",
             "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$",
             "$argon2id$v=19$m=,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
         }) {
        EXPECT_FALSE(sd::parse_argon2_hash(bad)) << bad;
    }
}

TEST(Argon2Scheme, VerificationBoundsRefuseCostlyForgedHashes) {
    const auto scheme = cheap_scheme("argon2");
    // Shapes are valid but these would cost 4 GiB, 1000 passes or 1000 lanes: refused without work.
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=64,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=8000,t=1,p=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    // Parameters libargon2 refuses: t=0, m below 8 per lane, a salt under 8 bytes.
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=8,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
    EXPECT_FALSE(scheme->verify("pw", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaGhhc2hoYXNo"));
}

TEST(Argon2Scheme, WeakerThanConfigured) {
    const auto strong = sd::make_password_scheme("argon2", {{"memory_cost", "128"}, {"time_cost", "2"}});
    EXPECT_FALSE(strong->weaker_than_configured(strong->hash("pw")));
    EXPECT_TRUE(strong->weaker_than_configured(
        sd::make_password_scheme("argon2", {{"memory_cost", "64"}, {"time_cost", "2"}})->hash("pw")));
    EXPECT_TRUE(strong->weaker_than_configured(
        sd::make_password_scheme("argon2", {{"memory_cost", "128"}, {"time_cost", "1"}})->hash("pw")));
    EXPECT_TRUE(strong->weaker_than_configured(
        sd::make_password_scheme("argon2", {{"memory_cost", "128"}, {"time_cost", "2"}, {"hash_len", "16"}})
            ->hash("pw")));
    // Stronger parameters are not a reason to rehash; another variant is.
    EXPECT_FALSE(strong->weaker_than_configured(
        sd::make_password_scheme("argon2", {{"memory_cost", "256"}, {"time_cost", "3"}})->hash("pw")));
    const auto golden = simpleauth::test::load_passwords_golden();
    for (const auto& c : golden["hashes"]) {
        const std::string h = c["hash"];
        if (h.starts_with("$argon2i$") || h.starts_with("$argon2d$")) {
            EXPECT_TRUE(strong->weaker_than_configured(h));
        }
    }
}
