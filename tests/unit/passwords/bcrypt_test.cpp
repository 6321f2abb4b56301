// bcrypt through libxcrypt: hashing, verification, interop with python3-bcrypt 3.2.2 hashes
// ($2a$, $2b$, $2y$), and the explicit 72-byte and NUL rules (REQ-PWD-02, -03, -06).
#include "passwords/bcrypt.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

namespace sd = simpleauth::detail;
using namespace std::string_literals;

namespace {

nlohmann::json load_golden(const char* name) {
    const auto path = std::filesystem::path(__FILE__).parent_path().parent_path() / "testdata" / name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing golden file " + path.string());
    return nlohmann::json::parse(in);
}

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// Low cost keeps the suite fast; the cost itself is tested separately.
constexpr int kFast = 4;

}  // namespace

TEST(Bcrypt, HashShapeAndVerify) {
    const std::string h = sd::bcrypt_hash("correct horse battery staple", kFast);
    EXPECT_EQ(h.size(), 60u);
    EXPECT_EQ(h.substr(0, 7), "$2b$04$");
    EXPECT_TRUE(sd::is_bcrypt_hash(h));
    EXPECT_TRUE(sd::bcrypt_verify("correct horse battery staple", h));
    EXPECT_FALSE(sd::bcrypt_verify("correct horse battery stapl", h));
    EXPECT_FALSE(sd::bcrypt_verify("Correct horse battery staple", h));
    EXPECT_FALSE(sd::bcrypt_verify("", h));
    // Fresh salt each time.
    EXPECT_NE(sd::bcrypt_hash("same", kFast), sd::bcrypt_hash("same", kFast));
}

TEST(Bcrypt, DefaultAndExplicitCost) {
    EXPECT_EQ(sd::bcrypt_hash("pw").substr(0, 7), "$2b$12$");
    EXPECT_EQ(sd::bcrypt_hash("pw", 10).substr(0, 7), "$2b$10$");
    EXPECT_THROW(sd::bcrypt_hash("pw", 3), std::invalid_argument);
    EXPECT_THROW(sd::bcrypt_hash("pw", 32), std::invalid_argument);
    EXPECT_THROW(sd::bcrypt_hash("pw", -1), std::invalid_argument);
}

TEST(Bcrypt, EmptyPassword) {
    const std::string h = sd::bcrypt_hash("", kFast);
    EXPECT_TRUE(sd::bcrypt_verify("", h));
    EXPECT_FALSE(sd::bcrypt_verify("x", h));
}

TEST(Bcrypt, PythonBcryptHashesVerify) {
    const auto golden = load_golden("bcrypt_hashes.json");
    ASSERT_EQ(golden.at("generator"), "python3-bcrypt 3.2.2");
    std::set<std::string> prefixes;
    for (const auto& item : golden.at("hashes")) {
        const std::string password = from_hex(item.at("password_hex").get<std::string>());
        const std::string hash = item.at("hash");
        EXPECT_TRUE(sd::is_bcrypt_hash(hash)) << hash;
        EXPECT_TRUE(sd::bcrypt_verify(password, hash)) << hash;
        EXPECT_FALSE(sd::bcrypt_verify(password + "x", hash)) << hash;
        if (!password.empty()) {
            EXPECT_FALSE(sd::bcrypt_verify(password.substr(1), hash)) << hash;
        }
        prefixes.insert(hash.substr(0, 4));
    }
    EXPECT_EQ(prefixes, (std::set<std::string>{"$2a$", "$2b$", "$2y$"}));
}

TEST(Bcrypt, UnicodeBytesTakenAsIs) {
    // "pässwörd" in NFC and NFD are different byte strings, hence different passwords (REQ-PWD-06).
    const std::string nfc = "p\xc3\xa4ssw\xc3\xb6rd";
    const std::string nfd = "pa\xcc\x88sswo\xcc\x88rd";
    const std::string h = sd::bcrypt_hash(nfc, kFast);
    EXPECT_TRUE(sd::bcrypt_verify(nfc, h));
    EXPECT_FALSE(sd::bcrypt_verify(nfd, h));
    // Latin-1 bytes of the same text are not its UTF-8 bytes.
    EXPECT_FALSE(sd::bcrypt_verify("p\xe4ssw\xf6rd", h));
    // Arbitrary high bytes, not valid UTF-8, are still just bytes.
    const std::string binary = "\xff\xfe\x80\x01";
    EXPECT_TRUE(sd::bcrypt_verify(binary, sd::bcrypt_hash(binary, kFast)));
}

// REQ-PWD-03: no silent truncation at 72 bytes.
TEST(Bcrypt, SeventyTwoByteRule) {
    const std::string p72(72, 'a');
    const std::string h = sd::bcrypt_hash(p72, kFast);
    EXPECT_TRUE(sd::bcrypt_verify(p72, h));
    EXPECT_THROW(sd::bcrypt_hash(p72 + "X", kFast), std::invalid_argument);
    EXPECT_FALSE(sd::bcrypt_verify(p72 + "X", h));
    EXPECT_FALSE(sd::bcrypt_verify(p72 + "Y", h));
    EXPECT_FALSE(sd::bcrypt_verify(std::string(1 << 20, 'a'), h));
    // Same with a hash from python3-bcrypt, which itself would accept the 73-byte variant.
    const auto golden = load_golden("bcrypt_hashes.json");
    bool found = false;
    for (const auto& item : golden.at("hashes")) {
        if (from_hex(item.at("password_hex").get<std::string>()) != p72) continue;
        found = true;
        EXPECT_TRUE(sd::bcrypt_verify(p72, item.at("hash").get<std::string>()));
        EXPECT_FALSE(sd::bcrypt_verify(p72 + "X", item.at("hash").get<std::string>()));
    }
    EXPECT_TRUE(found);
    // 72 multi-byte characters are more than 72 bytes.
    std::string umlauts;
    for (int i = 0; i < 37; ++i) umlauts += "\xc3\xa4";
    EXPECT_THROW(sd::bcrypt_hash(umlauts, kFast), std::invalid_argument);
}

// REQ-PWD-06: NUL would end the C string given to crypt; refused rather than truncated.
TEST(Bcrypt, NulByteRefused) {
    EXPECT_THROW(sd::bcrypt_hash("abc\0def"s, kFast), std::invalid_argument);
    EXPECT_THROW(sd::bcrypt_hash("\0"s, kFast), std::invalid_argument);
    const std::string h = sd::bcrypt_hash("abc", kFast);
    EXPECT_TRUE(sd::bcrypt_verify("abc", h));
    EXPECT_FALSE(sd::bcrypt_verify("abc\0def"s, h));
    EXPECT_FALSE(sd::bcrypt_verify("abc\0"s, h));
}

TEST(Bcrypt, MalformedHashesAreFalse) {
    const std::string good = sd::bcrypt_hash("pw", kFast);
    ASSERT_TRUE(sd::bcrypt_verify("pw", good));
    std::vector<std::string> bad = {
        "",
        "pw",
        "*0",
        "$2b$",
        good.substr(0, 59),                                   // short
        good + "A",                                           // long
        "$2x$" + good.substr(4),                              // flawed crypt_blowfish variant
        "$2c$" + good.substr(4),                              // unknown variant
        "$2$" + good.substr(3),                               // original $2$ is not accepted
        "$2b$03$" + good.substr(7),                           // cost below 4
        "$2b$32$" + good.substr(7),                           // cost above 31
        "$2b$4$" + good.substr(7),                            // one-digit cost
        "$2b$0a$" + good.substr(7),                           // non-digit cost
        "$2b$04" + good.substr(6, 1) + "!" + good.substr(8),  // character outside bcrypt's alphabet
        "$2b$04$" + good.substr(7, 21) + "=" + good.substr(29),
        "$6$saltsalt$" + std::string(86, 'a'),  // sha512crypt: another scheme, not bcrypt
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        std::string("$2b$04$") + std::string(53, '\0'),
    };
    for (const auto& h : bad) {
        EXPECT_FALSE(sd::is_bcrypt_hash(h)) << h;
        EXPECT_FALSE(sd::bcrypt_verify("pw", h)) << h;
    }
    // Well-formed but wrong: one hash character changed.
    std::string flipped = good;
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
    EXPECT_TRUE(sd::is_bcrypt_hash(flipped));
    EXPECT_FALSE(sd::bcrypt_verify("pw", flipped));
    // Same hash under another (equivalent) prefix verifies: $2a$/$2y$ read like $2b$ for <= 72 bytes.
    EXPECT_TRUE(sd::bcrypt_verify("pw", "$2y$" + good.substr(4)));
    EXPECT_TRUE(sd::bcrypt_verify("pw", "$2a$" + good.substr(4)));
}

TEST(Bcrypt, NonCanonicalSaltDoesNotVerify) {
    // The 22nd salt character carries only 2 significant bits; a twin with other low bits names the
    // same salt but libxcrypt re-encodes it canonically, so the full-string comparison fails.
    const std::string good = sd::bcrypt_hash("pw", kFast);
    const std::string alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const auto v = alphabet.find(good[28]);
    std::string twin = good;
    twin[28] = alphabet[(v & ~15u) | ((v + 1) & 15u)];
    ASSERT_TRUE(sd::is_bcrypt_hash(twin));
    EXPECT_FALSE(sd::bcrypt_verify("pw", twin));
}
