// The signature step of JWS (RFC 7515 §5.1 step 5, §5.2 step 8) for every algorithm of
// jws_algorithms.hpp, over OpenSSL 3 EVP. Shared by jwt.cpp and the Wycheproof primitive tests, so
// those vectors exercise exactly the code that checks tokens.
#pragma once

#include <string>
#include <string_view>

#include "tokens/jwt_keys.hpp"

namespace simpleauth::detail {

// Whether `signature` (raw bytes, as decoded from the third segment) is valid for `signing_input`
// under `key` with algorithm `alg`. False, never an exception, for: a key parsed for another
// algorithm; an empty HMAC secret; an HMAC of another length (compared in constant time); an RSA
// signature that is not exactly the modulus size; an ECDSA signature that is not the raw R||S of
// exactly 64/96/132 bytes (a DER signature is refused); PS* with a salt length other than the hash
// length or MGF1 with another hash. Throws std::runtime_error only when OpenSSL itself fails.
bool jws_signature_valid(std::string_view alg,
                         const ParsedKey& key,
                         std::string_view signing_input,
                         std::string_view signature);

// The signature of `signing_input` with `key` (an HMAC secret or a private key parsed for `alg`), in
// the JWS form (raw R||S for ECDSA). RS*, EdDSA and HS* are deterministic; PS* and ES* are not.
// Throws std::invalid_argument for a key of another algorithm or without its private part.
std::string jws_signature(std::string_view alg, const ParsedKey& key, std::string_view signing_input);

}  // namespace simpleauth::detail
