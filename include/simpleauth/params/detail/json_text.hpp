#pragma once
// JSON values seen through RawValue, for the public headers that must not include a JSON library: the
// parsing is done once in src/core/params_json.cpp, with the body's depth limit.

#include <string>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"

namespace simpleauth::detail {

// the items of a JSON array; throws CastFailure for anything else
std::vector<RawValue> json_array_items(const RawValue& value);
// the members of a JSON object, or of a query/form text holding one; throws CastFailure otherwise
std::vector<std::pair<std::string, RawValue>> json_object_members(const RawValue& value);
// a JSON value: a query/form text is parsed (CastFailure when it is not JSON), a JSON value kept as is
RawValue json_value_of(const RawValue& value);
// the JSON text of a value produced by json_value_of (a string is encoded again)
std::string json_text_of(const RawValue& json);

}  // namespace simpleauth::detail
