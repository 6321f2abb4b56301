// Wycheproof json_web_signature_test.json and json_web_key_test.json through the JWS verifier used
// by jwt_verify, with keys loaded by the same checks as the configuration (jwt_keys.cpp).
//
// A test group's key stands for one configuration: FSA_TOKEN_ALGO = the JWK's `alg`, FSA_TOKEN_SECRET
// = the key (the HMAC secret, or the public key as PEM). A key that such a configuration cannot hold
// (no `alg`, `use` other than "sig", a type or curve that does not fit the algorithm, an RSA key the
// loader refuses, an HMAC key under the REQ-JWT-05 production minimum) makes every token of its group
// refused, which is how those vectors are checked. `key_ops` is not interpreted (RFC 7517 §4.3 leaves
// it to the application): the two groups with encryption key_ops have no `alg` and are refused for
// that reason.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tokens/jws_algorithms.hpp"
#include "tokens/jwt.hpp"
#include "tokens/jwt_keys.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sd = simpleauth::detail;
using nlohmann::json;

namespace {

struct Configured {
    std::string alg;
    std::optional<sd::ParsedKey> key;  // absent: the configuration is refused
    std::string refusal;
};

// Wycheproof spells ES512 "ES521" in its RFC 7520 groups (the curve name, not the registered
// algorithm of RFC 7518 §3.1); its JWK "mismatchedAlgAndCurve" vector (P-256 key, "ES521") only makes
// sense with that reading. The name itself is not an algorithm for us (tested below).
std::string configured_algorithm(const std::string& jwk_alg) {
    return jwk_alg == "ES521" ? "ES512" : jwk_alg;
}

Configured configure(const json& jwk) {
    Configured out;
    try {
        if (jwk.contains("use") && jwk.at("use") != "sig") throw std::invalid_argument("key use is not \"sig\"");
        if (!jwk.contains("alg")) throw std::invalid_argument("the key names no algorithm to configure");
        out.alg = configured_algorithm(jwk.at("alg").get<std::string>());
        const sd::JwsAlgorithm* alg = sd::find_jws_algorithm(out.alg);
        if (alg == nullptr) throw std::invalid_argument("unsupported algorithm " + out.alg);
        if (jwk.value("kty", "") == "oct") {
            if (alg->family != sd::JwsFamily::hmac) throw std::invalid_argument("symmetric key for " + out.alg);
            const std::string secret = jwt_test::b64url(jwk, "k");
            out.key = sd::jws_hmac_key(out.alg, secret);
            // REQ-JWT-05 in production: an HMAC key at least as long as the hash (RFC 7518 §3.2).
            if (secret.size() < alg->size) throw std::invalid_argument("HMAC key shorter than the hash");
        } else {
            out.key = sd::jws_public_key(out.alg, jwt_test::jwk_to_public_pem(jwk));
        }
    } catch (const std::exception& e) {
        out.key.reset();
        out.refusal = e.what();
    }
    return out;
}

std::string compact_of(const json& jws) {
    // JSON-serialized JWS vectors are objects: we only speak the compact form, so pass them as text.
    return jws.is_string() ? jws.get<std::string>() : jws.dump();
}

struct Outcome {
    bool accepted;
    std::string detail;
};

Outcome run(const Configured& config, const json& jws) {
    if (!config.key) return {false, "configuration refused: " + config.refusal};
    const auto result = sd::jws_verify(config.alg, *config.key, compact_of(jws));
    if (std::holds_alternative<std::string>(result)) return {true, ""};
    return {false, std::string(sd::to_string(std::get<sd::JwtError>(result)))};
}

const json& jws_key_of(const json& group) {
    return group.contains("public") ? group.at("public") : group.at("private");
}

// Vectors where this verifier deliberately disagrees with the file's label, with the reason.
// tcId 367 and 370 are byte-identical to the valid tcId 357 (their padded form was lost when the
// vectors were converted): C2SP/wycheproof issue #236. The token is canonical and its MAC is right,
// so we accept it.
// tcId 372 and 373 insert '?' into a segment and are labelled valid, which only a decoder that skips
// foreign characters can achieve; RFC 7515 §7.1 / RFC 7519 §7.2 and REQ-JWT-07 require rejection.
// tcId 346 and 350 are RFC 7520 Figure 20, a PS384 token, under a JWK whose "alg" is PS256: the key
// is bound to PS256 (RFC 7517 §4.4, REQ-JWT-01 one key = one algorithm), so a PS384 token is refused,
// as tcId 331-340 (PS512 key, RS256/PS256 tokens, labelled invalid) require. The signature itself is
// right: VerifiesUnderItsOwnAlgorithm below checks it under a PS384 configuration.
const std::map<int, bool> kDeliberateDeviations = {
    {367, true}, {370, true}, {372, false}, {373, false}, {346, false}, {350, false}};

}  // namespace

TEST(WycheproofJws, EveryVector) {
    const auto doc = jwt_test::wycheproof("json_web_signature_test.json");
    int run_count = 0, passed = 0, deviations = 0, refused_configs = 0;
    std::map<std::string, int> by_kty;
    for (const auto& group : doc.at("testGroups")) {
        const json& jwk = jws_key_of(group);
        const Configured config = configure(jwk);
        if (!config.key) refused_configs += static_cast<int>(group.at("tests").size());
        for (const auto& test : group.at("tests")) {
            ++run_count;
            ++by_kty[jwk.value("kty", "?")];
            const int id = test.at("tcId");
            const Outcome outcome = run(config, test.at("jws"));
            bool expected = test.at("result") == "valid";
            if (const auto it = kDeliberateDeviations.find(id); it != kDeliberateDeviations.end()) {
                expected = it->second;
                ++deviations;
            }
            EXPECT_EQ(outcome.accepted, expected)
                << "tcId " << id << " " << test.at("comment") << " (" << config.alg << ") -> " << outcome.detail;
            if (outcome.accepted == expected) ++passed;
        }
    }
    EXPECT_EQ(run_count, doc.at("numberOfTests").get<int>());
    std::string kinds;
    for (const auto& [kty, n] : by_kty) kinds += " " + kty + "=" + std::to_string(n);
    std::printf(
        "[ wycheproof ] json_web_signature_test.json: run %d, passed %d (of which %d deliberate label deviations), "
        "skipped 0; keys:%s; %d vectors refused at configuration\n",
        run_count,
        passed,
        deviations,
        kinds.c_str(),
        refused_configs);
}

TEST(WycheproofJws, VerifiesUnderItsOwnAlgorithm) {
    // The RFC 7520 Figure 20 token of tcId 346/350 is PS384: under a PS384 configuration of the same
    // key it verifies, so refusing it under the key's PS256 is the algorithm binding, not a PSS bug.
    const auto doc = jwt_test::wycheproof("json_web_signature_test.json");
    int checked = 0;
    for (const auto& group : doc.at("testGroups")) {
        for (const auto& test : group.at("tests")) {
            const int id = test.at("tcId");
            if (id != 346 && id != 350) continue;
            const auto key = sd::jws_public_key("PS384", jwt_test::jwk_to_public_pem(jws_key_of(group)));
            EXPECT_TRUE(
                std::holds_alternative<std::string>(sd::jws_verify("PS384", key, test.at("jws").get<std::string>())));
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2);
    EXPECT_FALSE(sd::jwt_algorithm_supported("ES521"));
}

TEST(WycheproofJws, SpecificOutcomes) {
    const auto doc = jwt_test::wycheproof("json_web_signature_test.json");
    std::map<int, std::variant<std::string, sd::JwtError>> results;
    for (const auto& group : doc.at("testGroups")) {
        const Configured config = configure(jws_key_of(group));
        if (!config.key) continue;
        for (const auto& test : group.at("tests")) {
            results.emplace(test.at("tcId").get<int>(),
                            sd::jws_verify(config.alg, *config.key, compact_of(test.at("jws"))));
        }
    }
    auto error = [&results](int id) { return std::get<sd::JwtError>(results.at(id)); };
    EXPECT_EQ(std::get<std::string>(results.at(1)), "foo");
    EXPECT_EQ(error(2), sd::JwtError::bad_signature);   // modified MAC
    EXPECT_EQ(error(3), sd::JwtError::bad_signature);   // empty MAC
    EXPECT_EQ(error(4), sd::JwtError::malformed);       // 2 segments
    EXPECT_EQ(error(15), sd::JwtError::malformed);      // 4 segments
    EXPECT_EQ(error(16), sd::JwtError::bad_algorithm);  // alg none
    EXPECT_EQ(error(17), sd::JwtError::malformed);      // JSON serialization
    EXPECT_EQ(error(374), sd::JwtError::malformed);     // non-canonical "AB"
    EXPECT_EQ(std::get<std::string>(results.at(357)), "Test");
    EXPECT_EQ(std::get<std::string>(results.at(376)), "Test");  // whitespace inside the JSON header is fine
    // Asymmetric groups.
    EXPECT_EQ(std::get<std::string>(results.at(18)), "foo");  // ES256
    EXPECT_EQ(error(31), sd::JwtError::bad_algorithm);        // HS256 MAC keyed with the EC public key
    EXPECT_EQ(error(32), sd::JwtError::bad_signature);        // attacker's embedded jwk is never used
    EXPECT_EQ(error(341), sd::JwtError::bad_algorithm);       // none under a PS512 key
    EXPECT_EQ(error(332), sd::JwtError::bad_algorithm);       // RS256 token under a PS512 key
    EXPECT_EQ(error(331), sd::JwtError::bad_signature);       // PKCS#1 v1.5 signature under "PS512"
    EXPECT_EQ(error(379), sd::JwtError::bad_signature);       // ES256 signature too long
    EXPECT_EQ(error(386), sd::JwtError::bad_signature);       // r = s = 0
    EXPECT_EQ(std::get<std::string>(results.at(347)).substr(0, 4), "It\xe2\x80");  // RFC 7520 ES512 (via "ES521")
}

// Why each invalid JWK vector is refused: the right reason, not just any failure.
const std::map<int, std::string> kJwkRefusals = {
    {3, "invalid token signature"},
    {6, "key use is not"},
    {7, "ROCA"},
    {8, "at least 2048"},
    {9, "public exponent"},
    {10, "shorter than the hash"},
    {11, "shorter than the hash"},
    {12, "shorter than the hash"},
    {16, "empty JWT secret"},
    {17, "empty JWT secret"},
    {18, "empty JWT secret"},
    {19, "needs a key on curve"},
    {20, "unsupported algorithm ES224"},
    {21, "key use is not"},
    {22, "OpenSSL refuses this EC public key"},
    {23, "EC coordinates of the wrong length"},  // "P-384" with 32-byte coordinates
    {24, "JWK without \"n\""},
    {25, "unsupported algorithm A256GCM"},
    {26, "unsupported algorithm A256KW"},
};

TEST(WycheproofJwk, EveryExpressibleVector) {
    const auto doc = jwt_test::wycheproof("json_web_key_test.json");
    int run_count = 0, passed = 0, skipped = 0;
    for (const auto& group : doc.at("testGroups")) {
        const json& keys = (group.contains("public") ? group.at("public") : group.at("private")).at("keys");
        // key sets (tcId 1-4): KeySetsSelectedByKid below
        if (keys.size() != 1) {
            skipped += static_cast<int>(group.at("tests").size());
            continue;
        }
        const Configured config = configure(keys.at(0));
        for (const auto& test : group.at("tests")) {
            ++run_count;
            const Outcome outcome = run(config, test.at("jws"));
            const bool expected = test.at("result") == "valid";
            EXPECT_EQ(outcome.accepted, expected)
                << "tcId " << test.at("tcId") << " " << test.at("comment") << " -> " << outcome.detail;
            if (const auto it = kJwkRefusals.find(test.at("tcId").get<int>()); it != kJwkRefusals.end()) {
                EXPECT_NE(outcome.detail.find(it->second), std::string::npos)
                    << "tcId " << test.at("tcId") << " refused for another reason: " << outcome.detail;
            }
            if (outcome.accepted == expected) ++passed;
        }
    }
    EXPECT_EQ(run_count + skipped, doc.at("numberOfTests").get<int>());
    EXPECT_EQ(skipped, 4);
    std::printf(
        "[ wycheproof ] json_web_key_test.json: run %d, passed %d, left %d to KeySetsSelectedByKid (key sets)\n",
        run_count,
        passed,
        skipped);
}

// The key-set groups as a rotation configuration: the first key is the current one (FSA_TOKEN_ALGO its
// `alg`, FSA_TOKEN_SECRET its key, FSA_TOKEN_KID its `kid`), the others go to FSA_TOKEN_KEYS by kid. A
// mixed set (an EC public key as an HS256 key) and a duplicate kid are refused when the keys load.
TEST(WycheproofJwk, KeySetsSelectedByKid) {
    const auto doc = jwt_test::wycheproof("json_web_key_test.json");
    int run_count = 0, passed = 0;
    for (const auto& group : doc.at("testGroups")) {
        const json& keys = (group.contains("public") ? group.at("public") : group.at("private")).at("keys");
        if (keys.size() == 1) continue;
        auto key_text = [](const json& jwk) {
            return jwk.value("kty", "") == "oct" ? jwt_test::b64url(jwk, "k") : jwt_test::jwk_to_public_pem(jwk);
        };
        sd::JwtSettings settings;
        std::string refusal;
        try {
            // tcId 4's second "k" is not canonical base64url (its last character has stray low bits),
            // which refuses the configuration before the duplicate kid would (JwtKid.BadKeysAndIdsStopLoading
            // covers that one); tcId 1's EC key is refused as an HMAC secret (key confusion)
            settings.algorithm = configured_algorithm(keys.at(0).at("alg").get<std::string>());
            settings.secret = key_text(keys.at(0));
            settings.kid = keys.at(0).at("kid").get<std::string>();
            for (std::size_t i = 1; i < keys.size(); ++i) {
                settings.other_keys.emplace(keys.at(i).at("kid").get<std::string>(), key_text(keys.at(i)));
            }
            sd::jwt_load_keys(settings);
        } catch (const std::invalid_argument& e) {
            refusal = e.what();
        }
        for (const auto& test : group.at("tests")) {
            ++run_count;
            const bool accepted = refusal.empty() && std::holds_alternative<std::string>(sd::jws_verify_configured(
                                                         settings, compact_of(test.at("jws"))));
            EXPECT_EQ(accepted, test.at("result") == "valid")
                << "tcId " << test.at("tcId") << " " << test.at("comment") << " -> " << refusal;
            if (accepted == (test.at("result") == "valid")) ++passed;
        }
    }
    EXPECT_EQ(run_count, 4);
    std::printf("[ wycheproof ] json_web_key_test.json key sets: run %d, passed %d\n", run_count, passed);
}
