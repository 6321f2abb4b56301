// PasswordContext: first scheme hashes, all verify, rehash detection, dummy hash, legacy listing.
#include <gtest/gtest.h>

#include <string>

#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;
using simpleauth::test::kCheapArgonBcrypt;

TEST(PasswordContext, FirstHashesAllVerify) {
    const sd::PasswordContext ctx({"argon2", "bcrypt"}, kCheapArgonBcrypt);
    EXPECT_EQ(ctx.primary().name(), "argon2");
    const std::string a = ctx.hash("pw");
    EXPECT_TRUE(a.starts_with("$argon2id$v=19$m=64,t=1,p=1$")) << a;
    const std::string b = cheap_scheme("bcrypt")->hash("pw");
    EXPECT_TRUE(ctx.verify("pw", a));
    EXPECT_TRUE(ctx.verify("pw", b));
    EXPECT_FALSE(ctx.verify("pW", a));
    EXPECT_FALSE(ctx.verify("pW", b));
    // A scheme outside the context is not verified, even with the right password.
    EXPECT_FALSE(ctx.verify("pw", cheap_scheme("sha512crypt")->hash("pw")));
    EXPECT_FALSE(ctx.verify("pw", "pw"));
    EXPECT_FALSE(ctx.verify("pw", ""));
}

TEST(PasswordContext, NeedsRehash) {
    const sd::PasswordContext ctx({"argon2", "bcrypt"}, {{"memory_cost", "128"}, {"time_cost", "1"}, {"rounds", "4"}});
    EXPECT_FALSE(ctx.needs_rehash(ctx.hash("pw")));
    EXPECT_TRUE(ctx.needs_rehash(cheap_scheme("bcrypt")->hash("pw")));
    EXPECT_TRUE(
        ctx.needs_rehash(sd::make_password_scheme("argon2", {{"memory_cost", "64"}, {"time_cost", "1"}})->hash("pw")));
    EXPECT_TRUE(ctx.needs_rehash("unrecognized"));
    // Upstream's fsa:argon2 hashes (m=1000, t=1) are weaker than the defaults.
    const sd::PasswordContext defaults({"argon2"}, {});
    EXPECT_TRUE(defaults.needs_rehash("$argon2id$v=19$m=1000,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA"));
}

TEST(PasswordContext, DummyHashVerifiesNothingReal) {
    const sd::PasswordContext ctx({"argon2", "bcrypt"}, kCheapArgonBcrypt);
    const std::string d = ctx.dummy_hash();
    EXPECT_TRUE(ctx.primary().recognizes(d));
    EXPECT_NE(d, ctx.dummy_hash());
    for (const char* pw : {"", "pw", "password", "123456", "admin"}) EXPECT_FALSE(ctx.verify(pw, d)) << pw;
    // With bcrypt first, the random password still fits bcrypt's limits.
    const sd::PasswordContext bcrypt_first({"bcrypt"}, {{"rounds", "4"}});
    EXPECT_TRUE(bcrypt_first.dummy_hash().starts_with("$2b$04$"));
}

TEST(PasswordContext, LegacySchemesAskedLast) {
    const sd::PasswordContext ctx({"plaintext", "b64", "bcrypt"}, {{"rounds", "4"}});
    EXPECT_EQ(ctx.legacy_schemes(), (std::vector<std::string>{"plaintext", "b64"}));
    const std::string b = cheap_scheme("bcrypt")->hash("pw");
    // The bcrypt hash is checked as bcrypt, not compared as a plaintext password.
    EXPECT_FALSE(ctx.verify(b, b));
    EXPECT_TRUE(ctx.verify("pw", b));
    EXPECT_TRUE(ctx.verify("pw", "pw"));
    EXPECT_TRUE(ctx.needs_rehash(b));
    EXPECT_FALSE(ctx.needs_rehash("pw"));  // plaintext is the primary here
    const sd::PasswordContext migrating({"bcrypt", "plaintext"}, {{"rounds", "4"}});
    EXPECT_TRUE(migrating.verify("pw", "pw"));
    EXPECT_TRUE(migrating.needs_rehash("pw"));
    EXPECT_FALSE(migrating.needs_rehash(b));
    EXPECT_TRUE(sd::PasswordContext({"argon2"}, {}).legacy_schemes().empty());
}

TEST(PasswordContext, ConstructionErrors) {
    EXPECT_THROW(sd::PasswordContext({}, {}), std::invalid_argument);
    EXPECT_THROW(sd::PasswordContext({"bcrypt", "nope"}, {}), std::invalid_argument);
    EXPECT_THROW(sd::PasswordContext({"bcrypt", "fsa:bcrypt"}, {}), std::invalid_argument);
    try {
        sd::PasswordContext({"bcrypt"}, {{"memory_cost", "64"}});
        ADD_FAILURE();
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "unexpected password option: memory_cost");
    }
    // A bare option shared by two schemes applies to both: 12 is no valid sha512crypt rounds.
    EXPECT_THROW(sd::PasswordContext({"bcrypt", "sha512crypt"}, {{"rounds", "12"}}), std::invalid_argument);
    EXPECT_NO_THROW(
        sd::PasswordContext({"bcrypt", "sha512crypt"}, {{"bcrypt__rounds", "12"}, {"sha512_crypt__rounds", "5000"}}));
}

TEST(PasswordContext, Movable) {
    sd::PasswordContext a({"bcrypt"}, {{"rounds", "4"}});
    sd::PasswordContext b = std::move(a);
    EXPECT_TRUE(b.verify("pw", b.hash("pw")));
}
