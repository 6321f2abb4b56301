// HMAC, constant-time comparison and random bytes, over OpenSSL 3.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace simpleauth::detail {

// HMAC of `data` under `key` with the named SHA-2 digest: "SHA256", "SHA384" or "SHA512" (exact
// spelling). Returns the raw MAC bytes. Throws std::invalid_argument for another algorithm name and
// std::runtime_error if OpenSSL fails.
std::string hmac(std::string_view algorithm, std::string_view key, std::string_view data);

// HMAC-SHA256 under one key for many messages: the key's inner and outer hash states are computed
// once, so that a MAC costs the message's SHA-256 blocks and one more, without the digest fetch and
// key set-up the one-shot hmac() does on every call. Thread-safe: mac() only reads the precomputed
// states. Throws std::runtime_error if OpenSSL fails.
class HmacSha256 {
public:
    explicit HmacSha256(std::string_view key);
    ~HmacSha256();
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;
    std::array<unsigned char, 32> mac(std::string_view data) const;

private:
    evp_md_ctx_st* inner_;  // SHA-256 after the block key ^ ipad
    evp_md_ctx_st* outer_;  // SHA-256 after the block key ^ opad
};

// Whether hmac() accepts this algorithm name.
bool hmac_algorithm_supported(std::string_view algorithm) noexcept;

// Equality of two secrets without a data-dependent early exit (CRYPTO_memcmp). Sizes are not secret:
// different sizes give false at once.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// n bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error on failure.
std::string random_bytes(std::size_t n);

}  // namespace simpleauth::detail
