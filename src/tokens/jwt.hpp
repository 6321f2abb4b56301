// JSON Web Tokens in compact JWS form (RFC 7515, RFC 7519), validated as RFC 8725 recommends.
//
// The algorithm is fixed by configuration: a token's `alg` header must equal it exactly, so a token
// never chooses how it is checked (no `none`). HS256/384/512 use a secret; RS256/384/512,
// PS256/384/512, ES256/384/512 and EdDSA (Ed25519) verify with a PEM public key and sign with a PEM
// private key. Keys are parsed once and checked against the algorithm (jwt_keys.hpp), so an RSA
// public key can never serve as an HMAC secret, nor a P-384 key for ES256 (no key confusion).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace simpleauth::detail {

struct JwtKeys;      // parsed keys, jwt_keys.hpp
struct JwtKeyCache;  // keys parsed on first use, jwt_keys.cpp
struct ParsedKey;    // one parsed key, jwt_keys.hpp

std::shared_ptr<JwtKeyCache> jwt_new_key_cache();

struct JwtSettings {
    std::string algorithm = "HS256";  // fixed by configuration; the token's alg header must equal it exactly
    std::string secret;               // FSA_TOKEN_SECRET: HMAC key for HS*, PEM public key (or certificate) otherwise
    std::string signing_key;          // FSA_TOKEN_SIGN: PEM private key for non-HS*; empty: tokens cannot be created
    std::int64_t leeway = 0;          // seconds accepted after exp / before nbf
    // Key ids for rotation (SimpleAuth extension, SECURITY.md REQ-JWT-10). `kid` (FSA_TOKEN_KID) names
    // the current key above: created tokens carry it in their header. `other_keys` (FSA_TOKEN_KEYS)
    // maps the ids of the other accepted verification keys (older or newer) to their secret or PEM.
    // When either is set, a token's `kid` selects the one key that may verify it, an unknown `kid`
    // is refused, and a token without `kid` is verified with the current key. Neither set: `kid` is
    // never read and `secret` is the only key.
    std::optional<std::string> kid;
    std::map<std::string, std::string, std::less<>> other_keys;
    // Set by jwt_load_keys. Copies share these immutable keys; a copy whose algorithm or keys are then
    // changed no longer matches them and falls back to `key_cache`.
    std::shared_ptr<const JwtKeys> keys;
    // Where jwt_verify/jwt_create keep keys they had to parse themselves (jwt_load_keys not called, or
    // the settings changed since), so that PEM is parsed once, not on every request.
    std::shared_ptr<JwtKeyCache> key_cache = jwt_new_key_cache();
};

// Parses and checks the keys once (the core calls it at startup). Throws std::invalid_argument with
// a message fit for the operator when: the algorithm is unsupported; HS* with an empty secret, with a
// secret that looks like a PEM/SSH public key (key confusion), or with a signing_key; otherwise a
// secret that is not a PEM public key or certificate, a signing_key that is not an unencrypted PEM
// private key, a key of the wrong type for the algorithm (EC for RS256, P-384 for ES256, RSA for
// EdDSA...), an RSA key under 2048 bits, or a private key that does not match the public key; the
// same checks for every key of `other_keys`; a key id that is empty, longer than kJwtMaxKidLength
// bytes or holds a control character, or an `other_keys` id equal to `kid`.
void jwt_load_keys(JwtSettings&);

// Key ids are opaque strings compared exactly; this bound keeps them out of the way of anything else.
inline constexpr std::size_t kJwtMaxKidLength = 256;

struct JwtClaims {
    std::string sub;
    std::int64_t exp = 0;
    std::vector<std::string> aud;  // string or array in the token
    std::optional<std::string> iss;
    std::optional<std::string> scope;  // space separated
    // read for revocation and the absolute session lifetime (SECURITY.md REQ-JWT-17, REQ-SESS-05)
    std::optional<std::int64_t> iat;
    std::optional<std::int64_t> auth_time;  // OpenID Connect's: when the user authenticated with a password
    std::optional<std::string> jti;
};

// Claims that SimpleAuth adds after upstream's, so that a token made without them is still byte for
// byte PyJWT's; PyJWT (hence upstream) checks iat is a number and ignores auth_time.
struct JwtTimes {
    std::optional<std::int64_t> iat;
    std::optional<std::int64_t> auth_time;
};

enum class JwtError {
    malformed,
    bad_algorithm,
    bad_signature,
    expired,
    not_yet_valid,
    bad_audience,
    bad_issuer,
    missing_claim,
    unknown_key  // key ids configured and the token's `kid` names none of them
};

// Short English message; never contains any part of the token.
std::string_view to_string(JwtError) noexcept;

// Claims written in upstream's order (exp, sub, aud, iss if set, scope if set), then iat and auth_time
// when `times` has them, with header
// {"alg":ALG,"typ":"JWT"} ({"alg":ALG,"kid":KID,"typ":"JWT"} when `kid` is set), compact JSON with non-ASCII escaped as
// \uXXXX: byte for byte what PyJWT 2.6 produces for the same input (and the same token for HS*, RS* and EdDSA, which
// are deterministic). Throws std::invalid_argument for what jwt_load_keys refuses or strings that are not valid UTF-8,
// and std::logic_error when a public-key algorithm has no signing_key.
std::string jwt_create(const JwtSettings&,
                       std::string_view sub,
                       std::string_view aud,
                       std::int64_t exp,
                       std::optional<std::string_view> iss = {},
                       std::optional<std::string_view> scope = {},
                       const JwtTimes& times = {});

// Keys that fail to load (see jwt_load_keys) verify nothing: the result is bad_signature once the
// structure and header were checked. With key ids configured the header's `kid` picks the key (see
// JwtSettings::kid): a non-string `kid` is malformed, one naming no configured key unknown_key.
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

// The JWS step of jwt_verify: checks a compact JWS under the keys of these settings (the configured
// algorithm, the current key or, with key ids configured, the one the header's `kid` names) and
// returns the decoded payload, not parsed. Shared with the Wycheproof key-set tests.
std::variant<std::string, JwtError> jws_verify_configured(const JwtSettings&, std::string_view compact);

// Whether jwt_create/jwt_verify can work with this `alg` value (exact, case-sensitive spelling).
bool jwt_algorithm_supported(std::string_view alg) noexcept;

// Lower level, shared by jwt_verify and the Wycheproof JWS tests: checks a compact JWS under `key`
// with `alg` as the configured algorithm: 3 segments of canonical unpadded base64url, header a UTF-8
// JSON object without duplicate names, `alg` equal to `alg`, no `crit`, then jws_signature_valid.
// Returns the decoded payload (not parsed).
std::variant<std::string, JwtError> jws_verify(std::string_view alg, const ParsedKey& key, std::string_view compact);

// Signs an arbitrary header and payload (both taken as is) into a compact JWS with any algorithm.
std::string jws_sign(std::string_view alg,
                     const ParsedKey& key,
                     std::string_view header_json,
                     std::string_view payload);

// jws_verify with an HMAC algorithm and a raw secret (an empty secret verifies nothing).
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
