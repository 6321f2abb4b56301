#pragma once
// JSON replies with nlohmann::json. A heavy header: include it only in the files that build JSON.
// Output follows upstream: keys sorted, compact separators, a trailing newline.

#include <nlohmann/json.hpp>

#include "simpleauth/reply.hpp"

namespace simpleauth {

using Json = nlohmann::json;

inline Reply json(const Json& value, int status = 200) {
    return Reply(value.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n", status, "application/json");
}

}  // namespace simpleauth
