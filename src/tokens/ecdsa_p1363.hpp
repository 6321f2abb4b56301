// ECDSA signature encodings: JWS carries R||S as two fixed-size big-endian integers (RFC 7518 §3.4,
// the IEEE P1363 form) while OpenSSL's EVP interface speaks the DER SEQUENCE of X9.62.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

// R||S (each exactly `coordinate_size` bytes) to DER. nullopt when the size is not exactly
// 2 * coordinate_size: a DER signature or a padded/truncated one is never reinterpreted.
std::optional<std::string> ecdsa_p1363_to_der(std::string_view raw, std::size_t coordinate_size);

// DER (as EVP_DigestSign produces it) to R||S left-padded to `coordinate_size` bytes each.
// Throws std::runtime_error for DER that does not parse or integers that do not fit.
std::string ecdsa_der_to_p1363(std::string_view der, std::size_t coordinate_size);

}  // namespace simpleauth::detail
