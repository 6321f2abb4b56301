// bcrypt password hashing through libxcrypt (crypt_gensalt_rn + crypt_rn).
//
// bcrypt reads at most 72 bytes and stops at a NUL byte, so two different passwords could share a
// hash. Rather than truncate silently (ASVS 6.2.8, REQ-PWD-03/06), both limits are explicit here:
// hashing refuses such passwords and verification never accepts them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simpleauth::detail {

inline constexpr std::size_t kBcryptMaxPasswordBytes = 72;

// "$2b$RR$<22-char salt><31-char hash>" (60 characters) with a fresh random salt. `rounds` is the
// log2 cost, 4..31. Throws std::invalid_argument for a password over 72 bytes or containing NUL, or
// rounds out of range; std::runtime_error if libxcrypt fails.
std::string bcrypt_hash(std::string_view password, int rounds = 12);

// Checks a password against a $2a$, $2b$ or $2y$ hash. False, never an exception, for a malformed
// hash, a password over 72 bytes or containing NUL. The final comparison is constant-time.
bool bcrypt_verify(std::string_view password, std::string_view hash) noexcept;

// Whether `hash` has the exact shape of a bcrypt hash this module verifies:
// `$2a$`/`$2b$`/`$2y$`, two-digit cost 04..31, `$`, 53 characters of bcrypt's base64 alphabet.
bool is_bcrypt_hash(std::string_view hash) noexcept;

}  // namespace simpleauth::detail
