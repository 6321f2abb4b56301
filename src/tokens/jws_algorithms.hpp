// The JWS algorithms of RFC 7518 §3.1 that SimpleAuth knows, shared by the JWT layer (jwt.cpp), the
// key loader (jwt_keys.cpp) and the signature primitives (jws_signature.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace simpleauth::detail {

enum class JwsFamily { hmac, rsa_pkcs1, rsa_pss, ecdsa, eddsa };

struct JwsAlgorithm {
    std::string_view name;  // the exact `alg` value
    JwsFamily family;
    std::string_view digest;  // OpenSSL digest name; empty for EdDSA, which hashes internally
    std::size_t size;         // HMAC output / minimum key bytes (RFC 7518 §3.2), or one ECDSA coordinate
    std::string_view curve;   // OpenSSL group name of the only curve ES* may use (RFC 7518 §3.4)
};

inline constexpr JwsAlgorithm kJwsAlgorithms[] = {
    {"HS256", JwsFamily::hmac, "SHA256", 32, ""},
    {"HS384", JwsFamily::hmac, "SHA384", 48, ""},
    {"HS512", JwsFamily::hmac, "SHA512", 64, ""},
    {"RS256", JwsFamily::rsa_pkcs1, "SHA256", 0, ""},
    {"RS384", JwsFamily::rsa_pkcs1, "SHA384", 0, ""},
    {"RS512", JwsFamily::rsa_pkcs1, "SHA512", 0, ""},
    {"PS256", JwsFamily::rsa_pss, "SHA256", 0, ""},
    {"PS384", JwsFamily::rsa_pss, "SHA384", 0, ""},
    {"PS512", JwsFamily::rsa_pss, "SHA512", 0, ""},
    // P-521 coordinates are 521 bits, hence 66 bytes and a 132-byte R||S.
    {"ES256", JwsFamily::ecdsa, "SHA256", 32, "prime256v1"},
    {"ES384", JwsFamily::ecdsa, "SHA384", 48, "secp384r1"},
    {"ES512", JwsFamily::ecdsa, "SHA512", 66, "secp521r1"},
    // RFC 8037 §3.1: one name for Ed25519 and Ed448; only Ed25519 keys are accepted (jwt_keys.cpp).
    {"EdDSA", JwsFamily::eddsa, "", 0, ""},
};

// Exact, case-sensitive lookup: "hs256" or "None" are not algorithms (RFC 7515 §4.1.1 values are
// case-sensitive). `none` is deliberately absent: unsecured JWTs are never accepted (RFC 8725 §3.2).
constexpr const JwsAlgorithm* find_jws_algorithm(std::string_view name) noexcept {
    for (const auto& alg : kJwsAlgorithms) {
        if (alg.name == name) return &alg;
    }
    return nullptr;
}

}  // namespace simpleauth::detail
