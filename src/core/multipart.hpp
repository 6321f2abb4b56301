#pragma once
// multipart/form-data bodies (RFC 7578): text fields become text values, parts with a filename
// become file values. The whole body is already bounded by the server's body limit.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

inline constexpr std::size_t max_multipart_parts = 1000;  // REQ-IN-04: field count bounded

// content_type: the whole Content-Type header (its boundary parameter is read); appends the parts;
// returns an error message, "" when fine
std::string parse_multipart(std::string_view content_type,
                            std::string_view body,
                            std::vector<std::pair<std::string, RawValue>>& out);

}  // namespace simpleauth::detail
