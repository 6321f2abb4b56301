// Key material for JWS/JWT: HMAC secrets and PEM keys parsed once, checked against the configured
// algorithm, and shared read-only by every request (RFC 8725 §3.1: one key, one algorithm).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/types.h>

#include "tokens/jwt.hpp"

namespace simpleauth::detail {

// A key ready for one algorithm. Built only by the functions below, which check that it fits.
struct ParsedKey {
    std::string algorithm;           // the only `alg` this key may be used with
    std::string secret;              // HS*: the HMAC key
    std::shared_ptr<EVP_PKEY> pkey;  // the others: public key (verification) or key pair (signing)
};

// The parsed keys of one JwtSettings, and the strings they come from, so that a later edit of the
// settings is noticed instead of silently verifying with stale keys.
struct JwtKeys {
    std::string algorithm;
    std::string secret;
    std::string signing_key;
    std::optional<std::string> kid;
    std::map<std::string, std::string, std::less<>> other_keys;
    std::string error;  // non-empty: these settings cannot be used (the jwt_load_keys message)
    ParsedKey verify;
    std::optional<ParsedKey> sign;  // absent: this process cannot create tokens
    // With key ids configured: every verification key by id (the current one under `kid` when set);
    // nullopt when none are, so that a token's `kid` is not even read.
    std::optional<std::map<std::string, ParsedKey, std::less<>>> by_kid;
};

// HS*: the secret as is. Throws std::invalid_argument when it is empty or looks like a PEM or SSH
// public key (an asymmetric key used as an HMAC secret is the classic key-confusion attack:
// whoever has the public key could sign).
ParsedKey jws_hmac_key(std::string_view alg, std::string_view secret);

// RS*/PS*/ES*/EdDSA: a PEM public key ("PUBLIC KEY" or "RSA PUBLIC KEY") or a PEM certificate
// ("CERTIFICATE", whose public key is used; the certificate itself is not validated). Throws
// std::invalid_argument when it does not parse, is a private key, or does not fit `alg`: RSA of at
// least 2048 bits with an odd exponent above 1 and no ROCA fingerprint for RS*/PS*, the algorithm's
// own curve for ES*, Ed25519 for EdDSA.
ParsedKey jws_public_key(std::string_view alg, std::string_view pem);

// The same for a PEM private key ("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"), unencrypted.
ParsedKey jws_private_key(std::string_view alg, std::string_view pem);

// Whether an RSA modulus (big-endian bytes) has the fingerprint of keys made by the Infineon
// library of CVE-2017-15361 (ROCA), whose private key can be recovered from the public key.
bool rsa_modulus_has_roca_fingerprint(std::string_view modulus);

// The keys to use for these settings: those of jwt_load_keys when they still match the settings,
// otherwise parsed on first use and kept in settings.key_cache (a failure is kept too, in `error`).
// Never throws for bad key material; never returns nullptr.
std::shared_ptr<const JwtKeys> jwt_keys_of(const JwtSettings& settings);

}  // namespace simpleauth::detail
