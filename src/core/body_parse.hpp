#pragma once
// Request parameters from the body: application/x-www-form-urlencoded and application/json (an object
// at the top level, nesting bounded while parsing).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

inline constexpr int max_json_depth = 64;

// appends the members of a JSON object body; returns an error message, "" when fine
std::string parse_json_body(std::string_view body, std::vector<std::pair<std::string, RawValue>>& out);

}  // namespace simpleauth::detail
