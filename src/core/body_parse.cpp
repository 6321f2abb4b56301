#include "core/body_parse.hpp"

#include <nlohmann/json.hpp>

namespace simpleauth::detail {

namespace {

RawValue to_raw(const nlohmann::json& v) {
    using K = RawValue::Kind;
    auto dump = [](const nlohmann::json& j) {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    switch (v.type()) {
        case nlohmann::json::value_t::string:
            return {K::json_string, v.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return {K::json_bool, dump(v)};
        case nlohmann::json::value_t::null:
            return {K::json_null, "null"};
        case nlohmann::json::value_t::array:
            return {K::json_array, dump(v)};
        case nlohmann::json::value_t::object:
            return {K::json_object, dump(v)};
        default:
            return {K::json_number, dump(v)};
    }
}

struct TooDeep {};

}  // namespace

std::string parse_json_body(std::string_view body, std::vector<std::pair<std::string, RawValue>>& out) {
    nlohmann::json doc;
    try {
        // the depth is bounded while parsing: a deeply nested body never builds a deep tree
        doc = nlohmann::json::parse(
            body.begin(), body.end(), [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
                if (depth > max_json_depth) {
                    throw TooDeep{};
                }
                return true;
            });
    } catch (const TooDeep&) {
        return "JSON body nested too deeply";
    } catch (const nlohmann::json::exception&) {
        return "malformed JSON body";
    }
    if (!doc.is_object()) {
        return "JSON body must be an object";
    }
    for (auto& [key, value] : doc.items()) {
        out.emplace_back(key, to_raw(value));
    }
    return "";
}

}  // namespace simpleauth::detail
