#pragma once
// JSON replies with nlohmann::json. A heavy header: include it only in the files that build JSON.
// Output follows upstream: keys sorted, compact separators, a trailing newline.

#include <nlohmann/json.hpp>

#include "simpleauth/params/json_value.hpp"
#include "simpleauth/reply.hpp"

namespace simpleauth {

using Json = nlohmann::json;

// Param<"j", sa::Json>: any JSON value (a query/form value parsed as JSON, a JSON body member as is),
// read by the request side's parser with its depth limit.
template <>
struct cast<Json> {
    static Json from(const RawValue& value) { return Json::parse(JsonValue::from(value).dump()); }
};

inline Reply json(const Json& value, int status = 200) {
    return Reply(value.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n", status, "application/json");
}

}  // namespace simpleauth
