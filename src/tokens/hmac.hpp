// HMAC, constant-time comparison and random bytes, over OpenSSL 3.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simpleauth::detail {

// HMAC of `data` under `key` with the named SHA-2 digest: "SHA256", "SHA384" or "SHA512" (exact
// spelling). Returns the raw MAC bytes. Throws std::invalid_argument for another algorithm name and
// std::runtime_error if OpenSSL fails.
std::string hmac(std::string_view algorithm, std::string_view key, std::string_view data);

// Whether hmac() accepts this algorithm name.
bool hmac_algorithm_supported(std::string_view algorithm) noexcept;

// Equality of two secrets without a data-dependent early exit (CRYPTO_memcmp). Sizes are not secret:
// different sizes give false at once.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// n bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error on failure.
std::string random_bytes(std::size_t n);

}  // namespace simpleauth::detail
