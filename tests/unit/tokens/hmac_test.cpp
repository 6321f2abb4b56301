// HMAC-SHA2 against RFC 4231 and every Wycheproof HMAC vector; constant-time equality; random bytes.
#include "tokens/hmac.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace sd = simpleauth::detail;
using namespace std::string_literals;

namespace {

std::string from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) throw std::invalid_argument("odd hex length");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

const std::filesystem::path kWycheproof = std::filesystem::path(SIMPLEAUTH_SHARED_DIR) / "testdata" / "wycheproof";

struct Counts {
    int run = 0;
    int passed = 0;
};

// A MAC check as a verifier does it: compute the full tag, keep tagSize bits (Wycheproof's truncated
// groups), compare in constant time. Valid vectors must match, invalid ones must not.
using MacFunction = std::function<std::string(const std::string& key, const std::string& msg)>;

// `mac`: how the MAC is computed (the one-shot hmac() by default)
Counts run_wycheproof_hmac(const std::string& file, const std::string& algorithm, MacFunction mac = {}) {
    if (!mac) {
        mac = [&algorithm](const std::string& key, const std::string& msg) { return sd::hmac(algorithm, key, msg); };
    }
    const auto path = kWycheproof / file;
    std::ifstream in(path);
    // CI always has the shared folder: a missing file is a failure, not a skip.
    if (!in) {
        ADD_FAILURE() << "missing Wycheproof file " << path;
        return {};
    }
    const auto doc = nlohmann::json::parse(in);
    Counts counts;
    for (const auto& group : doc.at("testGroups")) {
        const auto tag_bytes = group.at("tagSize").get<std::size_t>() / 8;
        for (const auto& test : group.at("tests")) {
            ++counts.run;
            const std::string key = from_hex(test.at("key").get<std::string>());
            const std::string msg = from_hex(test.at("msg").get<std::string>());
            const std::string tag = from_hex(test.at("tag").get<std::string>());
            const std::string full = mac(key, msg);
            const bool valid = test.at("result") == "valid";
            const bool matches = sd::constant_time_equal(full.substr(0, tag_bytes), tag);
            EXPECT_EQ(matches, valid) << file << " tcId " << test.at("tcId") << " " << test.at("comment");
            if (matches == valid) ++counts.passed;
            if (valid && tag_bytes == full.size()) {
                EXPECT_EQ(to_hex(full), test.at("tag").get<std::string>());
            }
        }
    }
    EXPECT_EQ(counts.run, doc.at("numberOfTests").get<int>());
    std::printf("[ wycheproof ] %s: run %d, passed %d, skipped 0\n", file.c_str(), counts.run, counts.passed);
    return counts;
}

}  // namespace

TEST(Hmac, Rfc4231Case2) {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    EXPECT_EQ(to_hex(sd::hmac("SHA256", "Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(to_hex(sd::hmac("SHA384", "Jefe", "what do ya want for nothing?")),
              "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
              "8e2240ca5e69e2c78b3239ecfab21649");
    EXPECT_EQ(to_hex(sd::hmac("SHA512", "Jefe", "what do ya want for nothing?")),
              "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
              "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(Hmac, EmptyKeyAndData) {
    // HMAC-SHA256("", "") is a well-known constant; an empty string_view must not crash OpenSSL.
    EXPECT_EQ(to_hex(sd::hmac("SHA256", std::string_view{}, std::string_view{})),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Hmac, SizesAndUnknownAlgorithm) {
    EXPECT_EQ(sd::hmac("SHA256", "k", "d").size(), 32u);
    EXPECT_EQ(sd::hmac("SHA384", "k", "d").size(), 48u);
    EXPECT_EQ(sd::hmac("SHA512", "k", "d").size(), 64u);
    for (const char* bad : {"sha256", "SHA-256", "MD5", "SHA1", "", "HS256"}) {
        EXPECT_THROW(sd::hmac(bad, "k", "d"), std::invalid_argument) << bad;
        EXPECT_FALSE(sd::hmac_algorithm_supported(bad)) << bad;
    }
    EXPECT_TRUE(sd::hmac_algorithm_supported("SHA384"));
}

TEST(Hmac, BinaryKeyAndDataWithNulBytes) {
    const std::string key = "k\0ey"s;
    EXPECT_NE(sd::hmac("SHA256", key, "a\0b"s), sd::hmac("SHA256", key, "a"));
    EXPECT_NE(sd::hmac("SHA256", key, "x"), sd::hmac("SHA256", "k", "x"));
}

TEST(Hmac, WycheproofSha256) {
    const auto c = run_wycheproof_hmac("hmac_sha256_test.json", "SHA256");
    EXPECT_EQ(c.run, 174);
    EXPECT_EQ(c.passed, c.run);
}

// the precomputed-key HMAC-SHA256 of the password verdicts: every vector, keys of every length (some
// longer than the 64-byte block, hashed first), and the same MACs as the one-shot hmac()
TEST(Hmac, PrecomputedSha256PassesWycheproof) {
    const auto c =
        run_wycheproof_hmac("hmac_sha256_test.json", "SHA256", [](const std::string& key, const std::string& msg) {
            auto mac = sd::HmacSha256(key).mac(msg);
            return std::string(reinterpret_cast<const char*>(mac.data()), mac.size());
        });
    EXPECT_EQ(c.run, 174);
    EXPECT_EQ(c.passed, c.run);
}

TEST(Hmac, PrecomputedSha256ServesManyMessages) {
    for (std::size_t key_size : {0U, 1U, 32U, 63U, 64U, 65U, 200U}) {
        const std::string key(key_size, 'k');
        const sd::HmacSha256 keyed(key);
        for (std::size_t size : {0U, 1U, 55U, 56U, 64U, 119U, 1000U}) {
            const std::string msg(size, static_cast<char>('a' + size % 26));
            auto mac = keyed.mac(msg);
            EXPECT_EQ(std::string(reinterpret_cast<const char*>(mac.data()), mac.size()), sd::hmac("SHA256", key, msg))
                << key_size << " " << size;
        }
    }
}

TEST(Hmac, WycheproofSha384) {
    const auto c = run_wycheproof_hmac("hmac_sha384_test.json", "SHA384");
    EXPECT_EQ(c.run, 174);
    EXPECT_EQ(c.passed, c.run);
}

TEST(Hmac, WycheproofSha512) {
    const auto c = run_wycheproof_hmac("hmac_sha512_test.json", "SHA512");
    EXPECT_EQ(c.run, 174);
    EXPECT_EQ(c.passed, c.run);
}

TEST(ConstantTimeEqual, Basics) {
    EXPECT_TRUE(sd::constant_time_equal("", ""));
    EXPECT_TRUE(sd::constant_time_equal("abc", "abc"));
    EXPECT_FALSE(sd::constant_time_equal("abc", "abd"));
    EXPECT_FALSE(sd::constant_time_equal("abc", "ab"));  // a prefix is not equal
    EXPECT_FALSE(sd::constant_time_equal("", "a"));
    EXPECT_TRUE(sd::constant_time_equal("a\0b"s, "a\0b"s));
    EXPECT_FALSE(sd::constant_time_equal("a\0b"s, "a\0c"s));  // no C-string truncation
}

TEST(RandomBytes, SizesAndVariety) {
    EXPECT_EQ(sd::random_bytes(0).size(), 0u);
    EXPECT_EQ(sd::random_bytes(1).size(), 1u);
    EXPECT_EQ(sd::random_bytes(32).size(), 32u);
    EXPECT_NE(sd::random_bytes(32), sd::random_bytes(32));
    EXPECT_EQ(sd::random_bytes((1u << 20) + 7).size(), (1u << 20) + 7);
}
