#pragma once
// Request parameters from the body: application/x-www-form-urlencoded, application/json (an object at
// the top level, size and nesting bounded) and multipart/form-data (src/core/multipart.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

// JSON bodies larger than this are refused before parsing, whatever the server's body limit: the
// parsed tree costs several times the text
inline constexpr std::size_t max_json_body = 1024 * 1024;

// appends the members of a JSON object body; returns an error message, "" when fine
std::string parse_json_body(std::string_view body, std::vector<std::pair<std::string, RawValue>>& out);

}  // namespace simpleauth::detail
