// scrypt: Percival's container (as py-scrypt writes it) and upstream's fsa:scrypt wrapping.
#include "passwords/scryptenc.hpp"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <string>

#include "passwords/ascii85.hpp"
#include "passwords/password_test_support.hpp"
#include "passwords/passwords.hpp"

namespace sd = simpleauth::detail;
using simpleauth::test::cheap_scheme;

namespace {
constexpr std::uint64_t kLots = 1ULL << 40;
const sd::ScryptParams kSmall{8, 8, 1};
}  // namespace

TEST(ScryptContainer, RoundTripAndLayout) {
    const std::string data = "some data \x01\x02 of odd length 37..";
    const std::string c = sd::scrypt_encrypt(data, "password", kSmall);
    ASSERT_EQ(c.size(), data.size() + sd::kScryptContainerOverhead);
    EXPECT_EQ(c.substr(0, 7), std::string("scrypt\0", 7));
    EXPECT_EQ(c[7], 8);
    EXPECT_EQ(c.substr(8, 8), std::string("\0\0\0\x08\0\0\0\x01", 8));
    const auto params = sd::scrypt_container_params(c);
    ASSERT_TRUE(params);
    EXPECT_EQ(params->log_n, 8u);
    EXPECT_EQ(params->r, 8u);
    EXPECT_EQ(params->p, 1u);
    EXPECT_EQ(sd::scrypt_decrypt(c, "password", kLots, kLots), data);
    EXPECT_FALSE(sd::scrypt_decrypt(c, "passwore", kLots, kLots));
    // Empty data is allowed by the format.
    EXPECT_EQ(sd::scrypt_decrypt(sd::scrypt_encrypt("", "pw", kSmall), "pw", kLots, kLots), "");
}

TEST(ScryptContainer, TamperingDetected) {
    const std::string c = sd::scrypt_encrypt("FlaskSimpleAuth!", "pw", kSmall);
    for (std::size_t at = 0; at < c.size(); ++at) {
        std::string t = c;
        t[at] = static_cast<char>(t[at] ^ 0x01);
        EXPECT_FALSE(sd::scrypt_decrypt(t, "pw", kLots, kLots)) << at;
    }
    EXPECT_FALSE(sd::scrypt_decrypt(c.substr(0, c.size() - 1), "pw", kLots, kLots));
    EXPECT_FALSE(sd::scrypt_decrypt(c + "x", "pw", kLots, kLots));
    EXPECT_FALSE(sd::scrypt_decrypt(c.substr(0, 127), "pw", kLots, kLots));
}

TEST(ScryptContainer, BoundsCheckedBeforeDeriving) {
    const std::string c = sd::scrypt_encrypt("x", "pw", kSmall);  // 128·8·256 = 256 KiB, work 2048
    EXPECT_TRUE(sd::scrypt_decrypt(c, "pw", 256 * 1024, 2048));
    EXPECT_FALSE(sd::scrypt_decrypt(c, "pw", 256 * 1024 - 1, kLots));
    EXPECT_FALSE(sd::scrypt_decrypt(c, "pw", kLots, 2047));
}

TEST(ScryptContainer, ParamsSaturateInsteadOfWrapping) {
    const sd::ScryptParams huge{60, 1u << 20, 1};
    EXPECT_EQ(huge.memory_bytes(), UINT64_MAX);
    EXPECT_EQ(huge.work(), UINT64_MAX);
    EXPECT_THROW(sd::scrypt_encrypt("x", "pw", {0, 8, 1}), std::invalid_argument);
    EXPECT_THROW(sd::scrypt_encrypt("x", "pw", {8, 0, 1}), std::invalid_argument);
    EXPECT_THROW(sd::scrypt_encrypt("x", "pw", {8, 1u << 15, 1u << 15}), std::invalid_argument);
}

TEST(ScryptScheme, UpstreamShape) {
    const auto scheme = cheap_scheme("scrypt");
    const std::string h = scheme->hash("pw");
    const auto container = sd::ascii85_decode(h);
    ASSERT_TRUE(container);
    const auto data = sd::scrypt_decrypt(*container, "pw", kLots, kLots);
    ASSERT_TRUE(data);
    // a85 of 16 random bytes is 20 characters (or fewer with 'z'), then the suffix.
    EXPECT_TRUE(data->ends_with("FlaskSimpleAuth!"));
    EXPECT_LE(data->size(), 36u);
    EXPECT_TRUE(sd::ascii85_decode(data->substr(0, data->size() - 16)));
}

TEST(ScryptScheme, OptionsHonouredAndDefaults) {
    const auto scheme =
        sd::make_password_scheme("scrypt", {{"logN", "9"}, {"r", "4"}, {"p", "2"}, {"saltlength", "32"}});
    const std::string h = scheme->hash("pw");
    const auto params = sd::scrypt_container_params(*sd::ascii85_decode(h));
    ASSERT_TRUE(params);
    EXPECT_EQ(params->log_n, 9u);
    EXPECT_EQ(params->r, 4u);
    EXPECT_EQ(params->p, 2u);
    // 32 random bytes: a85 of 40 characters (no zero group in practice) + suffix.
    EXPECT_GE(sd::scrypt_decrypt(*sd::ascii85_decode(h), "pw", kLots, kLots)->size(), 36u + 16u);
    EXPECT_TRUE(scheme->verify("pw", h));
    // Defaults (OWASP N=2^17, r=8, p=1) are only parsed, not run: 128 MiB per hash.
    const auto defaults = sd::make_password_scheme("scrypt", {});
    EXPECT_TRUE(defaults->weaker_than_configured(h));
}

TEST(ScryptScheme, ForgedCostlyContainersRefused) {
    // A well-formed container claiming logN=21 (or 1 GiB of memory) is refused without deriving.
    const auto scheme = cheap_scheme("scrypt");
    for (const sd::ScryptParams p : {sd::ScryptParams{21, 1, 1}, sd::ScryptParams{18, 32, 1}}) {
        std::string c = sd::scrypt_encrypt("x", "pw", kSmall);
        c[7] = static_cast<char>(p.log_n);
        c[11] = static_cast<char>(p.r);
        // Recompute the header checksum so that only the bounds can refuse it (else the derivation
        // would try to allocate 2 GiB or 1 GiB).
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(reinterpret_cast<const unsigned char*>(c.data()), 48, digest);
        c.replace(48, 16, reinterpret_cast<const char*>(digest), 16);
        ASSERT_TRUE(sd::scrypt_container_params(c));
        EXPECT_FALSE(scheme->verify("pw", sd::ascii85_encode(c)));
    }
}

TEST(ScryptScheme, WeakerThanConfigured) {
    const auto configured = sd::make_password_scheme("scrypt", {{"logN", "9"}});
    EXPECT_FALSE(configured->weaker_than_configured(configured->hash("pw")));
    EXPECT_TRUE(configured->weaker_than_configured(cheap_scheme("scrypt")->hash("pw")));
}
