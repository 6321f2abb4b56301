// Ascii85 exactly as Python's base64.a85encode / a85decode with their default arguments, which
// upstream (FlaskSimpleAuth) uses for its a85 password scheme and to wrap its scrypt containers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

// No <~ ~> framing, 'z' for a full group of four zero bytes, the last partial group truncated.
std::string ascii85_encode(std::string_view bytes);

// Python's decoder: whitespace (space, \t, \n, \r, \v) ignored, 'z' only between groups, a trailing
// partial group of n characters gives n-1 bytes (a lone trailing character gives none, as in
// Python). nullopt where Python raises ValueError (bad character, 'z' inside a group, overflow).
std::optional<std::string> ascii85_decode(std::string_view text);

}  // namespace simpleauth::detail
