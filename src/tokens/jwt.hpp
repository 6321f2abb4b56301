// JSON Web Tokens in compact JWS form (RFC 7515, RFC 7519), validated as RFC 8725 recommends.
//
// The algorithm is fixed by configuration: a token's `alg` header must equal it exactly, so a token
// never chooses how it is checked (no `none`, no HS/RS confusion). Only HS256/HS384/HS512 are
// implemented today; the algorithm table in jwt.cpp already names the RS/PS/ES/EdDSA families so
// that asymmetric keys can be added without changing these entry points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace simpleauth::detail {

struct JwtSettings {
    std::string algorithm = "HS256";  // fixed by configuration; the token's alg header must equal it exactly
    std::string secret;               // HMAC key (verification and signing for HS*)
    std::int64_t leeway = 0;          // seconds accepted after exp / before nbf
};

struct JwtClaims {
    std::string sub;
    std::int64_t exp = 0;
    std::vector<std::string> aud;  // string or array in the token
    std::optional<std::string> iss;
    std::optional<std::string> scope;  // space separated
};

enum class JwtError {
    malformed,
    bad_algorithm,
    bad_signature,
    expired,
    not_yet_valid,
    bad_audience,
    bad_issuer,
    missing_claim
};

// Short English message; never contains any part of the token.
std::string_view to_string(JwtError) noexcept;

// Claims written in upstream's order (exp, sub, aud, iss if set, scope if set) with header
// {"alg":ALG,"typ":"JWT"}, compact JSON with non-ASCII escaped as \uXXXX: byte for byte what PyJWT 2.6
// produces for the same input. Throws std::invalid_argument for an unsupported algorithm, an empty
// HMAC secret, or strings that are not valid UTF-8.
std::string jwt_create(const JwtSettings&,
                       std::string_view sub,
                       std::string_view aud,
                       std::int64_t exp,
                       std::optional<std::string_view> iss = {},
                       std::optional<std::string_view> scope = {});

// Structure and signature first (nothing from the claims is looked at before the MAC matched), then:
// exp required (integer or number, truncated like PyJWT) and expired when exp <= now - leeway
// (RFC 7519 §4.1.4 and PyJWT: the token is valid only *before* exp); nbf and iat, when present,
// numbers not after now + leeway; sub required string; aud required, `audience` equal to the string
// or to an element of the array; when `issuer` is set, iss required and equal.
std::variant<JwtClaims, JwtError> jwt_verify(const JwtSettings&,
                                             std::string_view token,
                                             std::string_view audience,
                                             std::optional<std::string_view> issuer,
                                             std::int64_t now);

// Whether jwt_create/jwt_verify can work with this `alg` value (exact, case-sensitive spelling).
bool jwt_algorithm_supported(std::string_view alg) noexcept;

// Lower level, shared by jwt_verify and the Wycheproof JWS tests: checks a compact JWS made with an
// HMAC algorithm (`alg` is the configured one, e.g. "HS256") under `key`: 3 segments of canonical
// unpadded base64url, header a UTF-8 JSON object without duplicate names, `alg` equal to `alg`, no
// `crit`, MAC equal over its full length. Returns the decoded payload (not parsed).
std::variant<std::string, JwtError> jws_verify_hmac(std::string_view alg,
                                                    std::string_view key,
                                                    std::string_view compact);

// Signs an arbitrary header and payload (both taken as is) into a compact JWS with an HMAC algorithm.
// For tests and tools that need tokens jwt_create would never make. Throws std::invalid_argument for
// a non-HMAC or unknown algorithm.
std::string jws_sign_hmac(std::string_view alg,
                          std::string_view key,
                          std::string_view header_json,
                          std::string_view payload);

}  // namespace simpleauth::detail
