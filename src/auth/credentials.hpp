#pragma once
// Parsing of the Authorization header, shared by the schemes that read it.

#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

struct AuthorizationHeader {
    std::string_view scheme;  // as sent ("Basic", "bearer")
    std::string_view value;   // after the single space
};

// "<scheme> <value>"; nullopt when there is no space or the value is empty
std::optional<AuthorizationHeader> split_authorization(std::string_view header);

struct BasicCredentials {
    std::string login;
    std::string password;
};

// RFC 7617: strict base64, the first ':' splits, no control characters, valid UTF-8
std::optional<BasicCredentials> decode_basic(std::string_view value);

bool valid_utf8(std::string_view text) noexcept;

// RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
bool is_b64token(std::string_view token) noexcept;

}  // namespace simpleauth::detail
