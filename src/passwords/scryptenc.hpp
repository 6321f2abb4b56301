// Colin Percival's scrypt encryption container ("scryptenc", the format of the scrypt tool and of
// py-scrypt's encrypt/decrypt), over OpenSSL:
//
//   offset  0  "scrypt"          6 bytes magic
//           6  0                 version
//           7  logN              N = 2^logN
//           8  r, 12 p           big-endian uint32
//          16  salt              32 bytes
//          48  SHA-256(bytes 0..47), first 16 bytes
//          64  HMAC-SHA256(key2, bytes 0..63)
//          96  AES-256-CTR(key1, counter from 0) of the data
//     end-32   HMAC-SHA256(key2, everything before)
//
// where key1 || key2 = scrypt(password, salt, N, r, p, 64 bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

inline constexpr std::size_t kScryptContainerOverhead = 128;  // header 96 + final MAC 32

struct ScryptParams {
    std::uint32_t log_n{};
    std::uint32_t r{};
    std::uint32_t p{};
    // What one derivation costs: memory in bytes (128·r·N) and work in BlockMix calls (N·r·p).
    // Saturating, so that a forged header cannot wrap them around below a bound.
    std::uint64_t memory_bytes() const noexcept { return saturating_shift(128ULL * r, log_n); }
    std::uint64_t work() const noexcept { return saturating_shift(std::uint64_t{r} * p, log_n); }

private:
    static std::uint64_t saturating_shift(std::uint64_t v, std::uint32_t shift) noexcept {
        if (shift >= 64 || v > (UINT64_MAX >> shift)) return UINT64_MAX;
        return v << shift;
    }
};

// Encrypts with a fresh random salt. Throws std::invalid_argument for parameters scrypt refuses
// (log_n 1..63, r and p >= 1, r·p < 2^30), std::runtime_error if OpenSSL fails.
std::string scrypt_encrypt(std::string_view data, std::string_view password, const ScryptParams& params);

// The parameters of a well-formed container (magic, version 0, length, header checksum); nullopt
// otherwise. Cheap: no key derivation.
std::optional<ScryptParams> scrypt_container_params(std::string_view container);

// The data, or nullopt for a malformed container, a wrong password, a failed MAC, or parameters
// whose memory or work exceeds the given bounds (checked before deriving anything). MACs are
// compared in constant time.
std::optional<std::string> scrypt_decrypt(std::string_view container,
                                          std::string_view password,
                                          std::uint64_t max_memory_bytes,
                                          std::uint64_t max_work);

}  // namespace simpleauth::detail
