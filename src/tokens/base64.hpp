// Strict base64 (RFC 4648 §4) and base64url (RFC 4648 §5) codecs.
//
// The decoders are deliberately strict: security decisions (HTTP Basic credentials, JWT segments)
// must not depend on a lenient decoder that maps many spellings to the same bytes (RFC 7515 §7.1,
// RFC 4648 §3.3 and §3.5). Every input is either the one canonical encoding of its bytes or rejected.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

// Standard alphabet, with `=` padding to a multiple of 4 characters.
std::string base64_encode(std::string_view bytes);

// Standard alphabet only, length a multiple of 4, 0-2 `=` only at the end, unused bits of the last
// character zero. No whitespace or line breaks. nullopt otherwise.
std::optional<std::string> base64_decode(std::string_view text);

// URL-safe alphabet (`-`, `_`), never padded (the JWS form, RFC 7515 §2).
std::string base64url_encode(std::string_view bytes);

// URL-safe alphabet only, no `=`, length % 4 != 1, unused bits of the last character zero.
// nullopt otherwise.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace simpleauth::detail
