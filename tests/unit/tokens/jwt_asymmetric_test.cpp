// JWT with RS*/PS*/ES*/EdDSA: key loading rules, key confusion, signature formats, lazy loading.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tokens/base64.hpp"
#include "tokens/ecdsa_p1363.hpp"
#include "tokens/jws_signature.hpp"
#include "tokens/jwt.hpp"
#include "tokens/jwt_keys.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sd = simpleauth::detail;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kRealm = "Test";

struct Case {
    const char* alg;
    const char* key;             // file prefix in testdata/jwt_keys
    std::size_t signature_size;  // bytes of the decoded third segment
};

const std::vector<Case> kCases = {
    {"RS256", "rsa2048", 256},
    {"RS384", "rsa2048", 256},
    {"RS512", "rsa2048", 256},
    {"PS256", "rsa2048", 256},
    {"PS384", "rsa2048", 256},
    {"PS512", "rsa2048", 256},
    {"ES256", "p256", 64},
    {"ES384", "p384", 96},
    {"ES512", "p521", 132},
    {"EdDSA", "ed25519", 64},
};

sd::JwtSettings settings_for(const std::string& alg, const std::string& key, bool with_private = true) {
    sd::JwtSettings s;
    s.algorithm = alg;
    s.secret = jwt_test::key_pem(key + "_public.pem");
    if (with_private) s.signing_key = jwt_test::key_pem(key + "_private.pem");
    return s;
}

bool accepted(const std::variant<sd::JwtClaims, sd::JwtError>& r) {
    return std::holds_alternative<sd::JwtClaims>(r);
}

sd::JwtError error_of(const std::variant<sd::JwtClaims, sd::JwtError>& r) {
    return std::get<sd::JwtError>(r);
}

std::string signature_of(const std::string& token) {
    return *sd::base64url_decode(token.substr(token.rfind('.') + 1));
}

std::string with_signature(const std::string& token, std::string_view signature) {
    return token.substr(0, token.rfind('.') + 1) + sd::base64url_encode(signature);
}

// jwt_load_keys must refuse, with a message that names the problem.
void expect_refused(sd::JwtSettings s, const std::string& message_part) {
    try {
        sd::jwt_load_keys(s);
        ADD_FAILURE() << s.algorithm << ": accepted, expected a refusal mentioning \"" << message_part << "\"";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(message_part), std::string::npos)
            << s.algorithm << ": \"" << e.what() << "\" does not mention \"" << message_part << "\"";
    }
}

std::string fresh_private_pem(const char* type, const char* param) {
    jwt_test::PkeyPtr pkey(param == nullptr ? EVP_PKEY_Q_keygen(nullptr, nullptr, type)
                                            : EVP_PKEY_Q_keygen(nullptr, nullptr, type, param));
    if (!pkey) throw std::runtime_error("key generation failed");
    return jwt_test::private_pem(pkey.get());
}

}  // namespace

TEST(JwtAsymmetric, RoundTripEveryAlgorithm) {
    for (const auto& c : kCases) {
        auto s = settings_for(c.alg, c.key);
        sd::jwt_load_keys(s);
        const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60, "self", "read write");
        EXPECT_EQ(signature_of(token).size(), c.signature_size) << c.alg;
        const auto r = sd::jwt_verify(s, token, kRealm, "self", kNow);
        ASSERT_TRUE(accepted(r)) << c.alg << ": " << sd::to_string(error_of(r));
        EXPECT_EQ(std::get<sd::JwtClaims>(r).sub, "calvin");
        EXPECT_EQ(std::get<sd::JwtClaims>(r).scope, "read write");
        // Every claim rule still applies after the signature.
        EXPECT_EQ(error_of(sd::jwt_verify(s, token, "other realm", "self", kNow)), sd::JwtError::bad_audience) << c.alg;
        EXPECT_EQ(error_of(sd::jwt_verify(s, token, kRealm, "self", kNow + 60)), sd::JwtError::expired) << c.alg;
        // One flipped bit anywhere in the signature.
        std::string sig = signature_of(token);
        sig[sig.size() / 2] = static_cast<char>(sig[sig.size() / 2] ^ 0x01);
        EXPECT_EQ(error_of(sd::jwt_verify(s, with_signature(token, sig), kRealm, "self", kNow)),
                  sd::JwtError::bad_signature)
            << c.alg;
        // A verifier of the same family but another algorithm refuses it on its header.
        for (const auto& other : kCases) {
            if (std::string(other.key) != c.key || std::string(other.alg) == c.alg) continue;
            auto o = settings_for(other.alg, other.key, false);
            EXPECT_EQ(error_of(sd::jwt_verify(o, token, kRealm, "self", kNow)), sd::JwtError::bad_algorithm)
                << c.alg << " under " << other.alg;
        }
    }
}

TEST(JwtAsymmetric, DeterministicOnlyWhereTheAlgorithmIs) {
    for (const auto& c : kCases) {
        auto s = settings_for(c.alg, c.key);
        const std::string a = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
        const std::string b = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
        const std::string family = std::string(c.alg).substr(0, 2);
        if (family == "RS" || family == "Ed") {
            EXPECT_EQ(a, b) << c.alg;
        } else {
            EXPECT_NE(a, b) << c.alg << " signatures are randomized";
        }
        EXPECT_TRUE(accepted(sd::jwt_verify(s, a, kRealm, std::nullopt, kNow))) << c.alg;
        EXPECT_TRUE(accepted(sd::jwt_verify(s, b, kRealm, std::nullopt, kNow))) << c.alg;
    }
}

TEST(JwtAsymmetric, VerifyOnlyWithoutSigningKey) {
    auto full = settings_for("ES256", "p256");
    const std::string token = sd::jwt_create(full, "calvin", kRealm, kNow + 60);
    auto verify_only = settings_for("ES256", "p256", false);
    sd::jwt_load_keys(verify_only);  // a third-party issuer: loading succeeds
    EXPECT_TRUE(accepted(sd::jwt_verify(verify_only, token, kRealm, std::nullopt, kNow)));
    try {
        sd::jwt_create(verify_only, "calvin", kRealm, kNow + 60);
        ADD_FAILURE() << "created a token without a private key";
    } catch (const std::invalid_argument&) {
        ADD_FAILURE() << "a missing signing key is a std::logic_error, not a bad key";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("FSA_TOKEN_SIGN"), std::string::npos) << e.what();
    }
}

TEST(JwtAsymmetric, AcceptedKeyForms) {
    // PKCS#1 public key, certificate, traditional "RSA PRIVATE KEY", EC key after its parameters block.
    sd::JwtSettings s;
    s.algorithm = "RS256";
    s.secret = jwt_test::key_pem("rsa2048_public_pkcs1.pem");
    s.signing_key = jwt_test::key_pem("rsa2048_private_pkcs1.pem");
    EXPECT_NO_THROW(sd::jwt_load_keys(s));
    const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
    s.secret = jwt_test::key_pem("rsa2048_cert.pem");
    EXPECT_TRUE(accepted(sd::jwt_verify(s, token, kRealm, std::nullopt, kNow)));
    auto ec = settings_for("ES256", "p256");
    ec.signing_key = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ec.signing_key;
    EXPECT_NO_THROW(sd::jwt_load_keys(ec));
    EXPECT_FALSE(sd::rsa_modulus_has_roca_fingerprint(std::string(256, '\xff')));
}

TEST(JwtAsymmetric, LoadKeysRefusesWhatDoesNotFit) {
    auto with = [](const std::string& alg, std::string secret, std::string signing = "") {
        sd::JwtSettings s;
        s.algorithm = alg;
        s.secret = std::move(secret);
        s.signing_key = std::move(signing);
        return s;
    };
    const std::string rsa_pub = jwt_test::key_pem("rsa2048_public.pem");
    const std::string rsa_priv = jwt_test::key_pem("rsa2048_private.pem");
    expect_refused(with("RS256", "not a key at all"), "not a PEM public key");
    expect_refused(with("RS256", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), "does not parse");
    expect_refused(with("RS256", jwt_test::key_pem("p256_public.pem")), "needs an RSA key");
    expect_refused(with("PS256", jwt_test::key_pem("ed25519_public.pem")), "needs an RSA key");
    expect_refused(with("RS256", jwt_test::key_pem("rsa1024_public.pem")), "at least 2048");
    expect_refused(with("ES256", jwt_test::key_pem("p384_public.pem")), "needs a key on curve prime256v1");
    expect_refused(with("ES512", jwt_test::key_pem("p256_public.pem")), "needs a key on curve secp521r1");
    expect_refused(with("ES256", rsa_pub), "needs an EC key");
    expect_refused(with("EdDSA", rsa_pub), "Ed25519");
    expect_refused(with("EdDSA", jwt_test::key_pem("p256_public.pem")), "Ed25519");
    expect_refused(with("RS256", rsa_priv), "private key");  // the private key belongs in FSA_TOKEN_SIGN
    expect_refused(with("RS256", rsa_pub, rsa_pub), "not a PEM private key");
    expect_refused(with("RS256", rsa_pub, jwt_test::key_pem("p256_private.pem")), "needs an RSA key");
    expect_refused(with("ES256", jwt_test::key_pem("p256_public.pem"), fresh_private_pem("EC", "P-256")),
                   "does not match");
    expect_refused(
        with("RS256", rsa_pub, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"),
        "encrypted");
    expect_refused(with("HS256", ""), "empty");
    expect_refused(with("HS256", "a secret of at least 32 bytes for HS256 tests", rsa_priv), "FSA_TOKEN_SIGN");
    expect_refused(with("none", "x"), "unsupported");
    expect_refused(with("ES521", jwt_test::key_pem("p521_public.pem")), "unsupported");
    // Key confusion: an asymmetric key as an HMAC secret.
    expect_refused(with("HS256", rsa_pub), "looks like a PEM");
    expect_refused(with("HS512", jwt_test::key_pem("rsa2048_cert.pem")), "looks like a PEM");
    expect_refused(with("HS384", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host"), "looks like a PEM or SSH");
}

// RS256 token, then the public key PEM configured as an HS256 secret (the classic confusion): the
// configuration is refused, and even if loading is skipped nothing verifies under it.
TEST(JwtAsymmetric, KeyConfusionPublicKeyAsHmacSecret) {
    const auto rs = settings_for("RS256", "rsa2048");
    const std::string rs_token = sd::jwt_create(rs, "calvin", kRealm, kNow + 60);
    sd::JwtSettings hs;
    hs.algorithm = "HS256";
    hs.secret = rs.secret;  // the public key PEM
    EXPECT_THROW(sd::jwt_load_keys(hs), std::invalid_argument);
    EXPECT_EQ(error_of(sd::jwt_verify(hs, rs_token, kRealm, std::nullopt, kNow)), sd::JwtError::bad_algorithm);
    // The attacker's token: HS256 MAC keyed with the public key PEM.
    const std::string claims = R"({"exp":)" + std::to_string(kNow + 60) + R"(,"sub":"mallory","aud":"Test"})";
    const std::string forged = sd::jws_sign_hmac("HS256", rs.secret, R"({"alg":"HS256","typ":"JWT"})", claims);
    EXPECT_EQ(error_of(sd::jwt_verify(hs, forged, kRealm, std::nullopt, kNow)), sd::JwtError::bad_signature);
    EXPECT_THROW(sd::jwt_create(hs, "mallory", kRealm, kNow + 60), std::invalid_argument);
}

// The same attack against an RS256 configuration: an HMAC keyed with the PEM text is refused,
// whatever the header says.
TEST(JwtAsymmetric, KeyConfusionHmacTokenAgainstRsaConfiguration) {
    auto rs = settings_for("RS256", "rsa2048", false);
    sd::jwt_load_keys(rs);
    const std::string claims = R"({"exp":)" + std::to_string(kNow + 60) + R"(,"sub":"mallory","aud":"Test"})";
    const std::string hs_header = sd::jws_sign_hmac("HS256", rs.secret, R"({"alg":"HS256","typ":"JWT"})", claims);
    EXPECT_EQ(error_of(sd::jwt_verify(rs, hs_header, kRealm, std::nullopt, kNow)), sd::JwtError::bad_algorithm);
    const std::string rs_header = sd::jws_sign_hmac("HS256", rs.secret, R"({"alg":"RS256","typ":"JWT"})", claims);
    EXPECT_EQ(error_of(sd::jwt_verify(rs, rs_header, kRealm, std::nullopt, kNow)), sd::JwtError::bad_signature);
}

TEST(JwtAsymmetric, EcdsaSignatureIsRawRAndS) {
    for (const auto& c : kCases) {
        if (std::string(c.alg).substr(0, 2) != "ES") continue;
        const auto s = settings_for(c.alg, c.key);
        const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
        const std::string raw = signature_of(token);
        const std::size_t half = raw.size() / 2;
        auto verify = [&](std::string_view sig) {
            return sd::jwt_verify(s, with_signature(token, sig), kRealm, {}, kNow);
        };
        ASSERT_TRUE(accepted(verify(raw))) << c.alg;
        // The same signature DER-encoded, as OpenSSL and some libraries emit it: refused.
        const std::string der = *sd::ecdsa_p1363_to_der(raw, half);
        EXPECT_EQ(error_of(verify(der)), sd::JwtError::bad_signature) << c.alg;
        EXPECT_EQ(error_of(verify(raw + std::string(1, '\0'))), sd::JwtError::bad_signature) << c.alg;
        EXPECT_EQ(error_of(verify(std::string(1, '\0') + raw)), sd::JwtError::bad_signature) << c.alg;
        EXPECT_EQ(error_of(verify(raw.substr(0, raw.size() - 1))), sd::JwtError::bad_signature) << c.alg;
        EXPECT_EQ(error_of(verify(raw.substr(half) + raw.substr(0, half))), sd::JwtError::bad_signature) << c.alg;
        EXPECT_EQ(error_of(verify(std::string(raw.size(), '\0'))), sd::JwtError::bad_signature) << c.alg;
        // DER back to raw gives the original.
        EXPECT_EQ(sd::ecdsa_der_to_p1363(der, half), raw);
    }
}

TEST(JwtAsymmetric, RsaSignatureMustBeModulusSized) {
    const auto s = settings_for("RS256", "rsa2048");
    const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
    const std::string sig = signature_of(token);
    EXPECT_EQ(error_of(sd::jwt_verify(s, with_signature(token, std::string(1, '\0') + sig), kRealm, {}, kNow)),
              sd::JwtError::bad_signature);
    EXPECT_EQ(error_of(sd::jwt_verify(s, with_signature(token, ""), kRealm, {}, kNow)), sd::JwtError::bad_signature);
}

TEST(JwtAsymmetric, LazyLoadingAndCopies) {
    // Never loaded: jwt_create/jwt_verify parse on first use and keep the result.
    auto s = settings_for("EdDSA", "ed25519");
    const std::string token = sd::jwt_create(s, "calvin", kRealm, kNow + 60);
    EXPECT_TRUE(accepted(sd::jwt_verify(s, token, kRealm, std::nullopt, kNow)));
    const auto first = sd::jwt_keys_of(s);
    EXPECT_EQ(sd::jwt_keys_of(s), first) << "parsed once, then reused";
    // Loaded settings and their copies share the parsed keys.
    sd::jwt_load_keys(s);
    const sd::JwtSettings copy = s;
    EXPECT_EQ(sd::jwt_keys_of(copy), s.keys);
    EXPECT_TRUE(accepted(sd::jwt_verify(copy, token, kRealm, std::nullopt, kNow)));
    // A copy given another key no longer uses the loaded ones: the old token fails under it.
    sd::JwtSettings other = s;
    other.algorithm = "ES256";
    other.secret = jwt_test::key_pem("p256_public.pem");
    other.signing_key = jwt_test::key_pem("p256_private.pem");
    EXPECT_EQ(error_of(sd::jwt_verify(other, token, kRealm, std::nullopt, kNow)), sd::JwtError::bad_algorithm);
    EXPECT_TRUE(accepted(sd::jwt_verify(other, sd::jwt_create(other, "c", kRealm, kNow + 9), kRealm, {}, kNow)));
    EXPECT_TRUE(accepted(sd::jwt_verify(s, token, kRealm, std::nullopt, kNow)));
    // Unusable keys verify nothing and do not throw on the request path.
    sd::JwtSettings broken;
    broken.algorithm = "RS256";
    broken.secret = "garbage";
    EXPECT_EQ(error_of(sd::jwt_verify(broken, token, kRealm, std::nullopt, kNow)), sd::JwtError::bad_algorithm);
    const std::string rs_header = sd::jws_sign_hmac("HS256", "k", R"({"alg":"RS256"})", R"({"sub":"x"})");
    EXPECT_EQ(error_of(sd::jwt_verify(broken, rs_header, kRealm, std::nullopt, kNow)), sd::JwtError::bad_signature);
    EXPECT_THROW(sd::jwt_create(broken, "calvin", kRealm, kNow + 60), std::invalid_argument);
}

TEST(JwtAsymmetric, SignatureFunctionsRefuseForeignKeys) {
    const auto key = sd::jws_public_key("ES256", jwt_test::key_pem("p256_public.pem"));
    EXPECT_THROW(sd::jws_signature("ES384", key, "x"), std::invalid_argument);
    EXPECT_FALSE(sd::jws_signature_valid("ES256", sd::ParsedKey{"ES256", {}, nullptr}, "x", std::string(64, 'a')));
    const auto hmac_key = sd::jws_hmac_key("HS256", "a secret of at least 32 bytes for HS256 tests");
    EXPECT_FALSE(sd::jws_signature_valid("RS256", hmac_key, "x", std::string(256, 'a')));
}
