#pragma once
// The one percent-decoder of the project (paths, query strings and form bodies use it alike).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

// nullopt on a malformed escape ("%G1", "%4"); plus_as_space for query strings and forms
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

// percent-encodes everything but RFC 3986 unreserved characters (for a URL inside a query)
std::string percent_encode(std::string_view text);

// "a=1&b=x%20y&c" -> (a,"1"), (b,"x y"), (c,""); false on a malformed escape
bool parse_urlencoded(std::string_view text, std::vector<std::pair<std::string, RawValue>>& out);

}  // namespace simpleauth::detail
