#pragma once
// TOTP codes (RFC 6238) with liboath: HMAC-SHA1, 30-second steps from the epoch.

#include <optional>
#include <string>
#include <string_view>

namespace demo {

// the key of a base32 secret (any case, padded with '=' to a multiple of 8), nullopt if undecodable
std::optional<std::string> base32_key(std::string_view secret);
// whether otp is the code of the previous, current or next step of key, with digits digits
bool totp_valid(const std::string& key, std::string_view otp, int digits);

}  // namespace demo
