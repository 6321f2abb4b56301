// Wycheproof primitive vectors (ECDSA P1363, Ed25519, RSASSA-PKCS1-v1_5, RSASSA-PSS) through
// jws_signature_valid, the function jwt_verify uses for the signature segment, with the group's PEM
// public key loaded by jws_public_key (the configuration's loader). `msg` is the signing input and
// `sig` the decoded signature segment, so every vector is a JWS signature check.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tokens/jws_signature.hpp"
#include "tokens/jwt_keys.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sd = simpleauth::detail;

namespace {

struct Tally {
    int run = 0;
    int passed = 0;
    int acceptable = 0;
};

// "acceptable" vectors: what the file allows either way; we state our choice per flag, so a change
// of behaviour shows up as a failure.
// MissingNull (RSA PKCS#1 v1.5 DigestInfo without the NULL parameters): refused. OpenSSL compares
// the whole encoded DigestInfo with the canonical one, which has NULL (RFC 8017 §9.2 note 1), and
// PyJWT through python3-cryptography does the same: accepting it would only add a second encoding.
const std::map<std::string, bool> kAcceptableChoice = {{"MissingNull", false}};

Tally run_file(const std::string& file, const std::string& alg) {
    const auto doc = jwt_test::wycheproof(file);
    Tally tally;
    for (const auto& group : doc.at("testGroups")) {
        // Every group's key is one our loader takes (2048-bit RSA, named curves, Ed25519): a refusal
        // here is a failure, not a skip.
        const sd::ParsedKey key = sd::jws_public_key(alg, group.at("publicKeyPem").get<std::string>());
        for (const auto& test : group.at("tests")) {
            ++tally.run;
            const std::string msg = jwt_test::hex_decode(test.at("msg"));
            const std::string sig = jwt_test::hex_decode(test.at("sig"));
            const bool accepted = sd::jws_signature_valid(alg, key, msg, sig);
            const std::string result = test.at("result");
            bool expected = result == "valid";
            if (result == "acceptable") {
                ++tally.acceptable;
                const auto& flags = test.at("flags");
                const auto choice = flags.size() == 1 ? kAcceptableChoice.find(flags.at(0).get<std::string>())
                                                      : kAcceptableChoice.end();
                EXPECT_NE(choice, kAcceptableChoice.end()) << "no documented choice for " << flags;
                if (choice != kAcceptableChoice.end()) expected = choice->second;
            }
            EXPECT_EQ(accepted, expected)
                << file << " tcId " << test.at("tcId") << " " << test.at("comment") << " " << test.at("flags");
            if (accepted == expected) ++tally.passed;
        }
    }
    EXPECT_EQ(tally.run, doc.at("numberOfTests").get<int>());
    std::printf("[ wycheproof ] %s (%s): run %d, passed %d (%d acceptable, decided as documented), skipped 0\n",
                file.c_str(),
                alg.c_str(),
                tally.run,
                tally.passed,
                tally.acceptable);
    return tally;
}

}  // namespace

TEST(WycheproofPrimitives, EcdsaP256) {
    run_file("ecdsa_secp256r1_sha256_p1363_test.json", "ES256");
}
TEST(WycheproofPrimitives, EcdsaP384) {
    run_file("ecdsa_secp384r1_sha384_p1363_test.json", "ES384");
}
TEST(WycheproofPrimitives, EcdsaP521) {
    run_file("ecdsa_secp521r1_sha512_p1363_test.json", "ES512");
}
TEST(WycheproofPrimitives, Ed25519) {
    run_file("ed25519_test.json", "EdDSA");
}
TEST(WycheproofPrimitives, RsaPkcs1Sha256) {
    run_file("rsa_signature_2048_sha256_test.json", "RS256");
}
TEST(WycheproofPrimitives, RsaPkcs1Sha384) {
    run_file("rsa_signature_2048_sha384_test.json", "RS384");
}
TEST(WycheproofPrimitives, RsaPkcs1Sha512) {
    run_file("rsa_signature_2048_sha512_test.json", "RS512");
}
TEST(WycheproofPrimitives, RsaPssSha256Mgf1Salt32) {
    run_file("rsa_pss_2048_sha256_mgf1_32_test.json", "PS256");
}

// The verifier must not accept a key's vectors under another algorithm of the same family: the
// same P-256 vectors with "ES384" (key parsed for ES256) are all refused.
TEST(WycheproofPrimitives, KeyBoundToItsAlgorithm) {
    const auto doc = jwt_test::wycheproof("ecdsa_secp256r1_sha256_p1363_test.json");
    const auto& group = doc.at("testGroups").at(0);
    const sd::ParsedKey key = sd::jws_public_key("ES256", group.at("publicKeyPem").get<std::string>());
    for (const auto& test : group.at("tests")) {
        const std::string msg = jwt_test::hex_decode(test.at("msg"));
        const std::string sig = jwt_test::hex_decode(test.at("sig"));
        EXPECT_FALSE(sd::jws_signature_valid("ES384", key, msg, sig));
        EXPECT_FALSE(sd::jws_signature_valid("HS256", key, msg, sig));
    }
}
