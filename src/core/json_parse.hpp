#pragma once
// The one JSON parser of the request side (REQ-IN-05): bodies, JSON-encoded query/form values and the
// JSON values handed to parameters all go through it, with the same depth limit.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

inline constexpr int max_json_depth = 64;

// "" when fine, else why not ("malformed JSON", "JSON nested too deeply")
std::string parse_json_bounded(std::string_view text, nlohmann::json& out);

// a parsed value as a request value (strings decoded, other kinds as compact JSON text)
RawValue to_raw(const nlohmann::json& value);

// compact JSON text; invalid UTF-8 cannot get here (the parser refuses it) but is replaced anyway
std::string dump_json(const nlohmann::json& value);

}  // namespace simpleauth::detail
