#include "core/json_parse.hpp"

namespace simpleauth::detail {

namespace {
struct TooDeep {};
}  // namespace

std::string parse_json_bounded(std::string_view text, nlohmann::json& out) {
    try {
        // the depth is bounded while parsing: a deeply nested text never builds a deep tree
        out = nlohmann::json::parse(
            text.begin(), text.end(), [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
                if (depth > max_json_depth) {
                    throw TooDeep{};
                }
                return true;
            });
    } catch (const TooDeep&) {
        return "JSON nested too deeply";
    } catch (const nlohmann::json::exception&) {
        return "malformed JSON";
    }
    return "";
}

std::string dump_json(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RawValue to_raw(const nlohmann::json& v) {
    using K = RawValue::Kind;
    switch (v.type()) {
        case nlohmann::json::value_t::string:
            return {K::json_string, v.get<std::string>(), {}, {}};
        case nlohmann::json::value_t::boolean:
            return {K::json_bool, dump_json(v), {}, {}};
        case nlohmann::json::value_t::null:
            return {K::json_null, "null", {}, {}};
        case nlohmann::json::value_t::array:
            return {K::json_array, dump_json(v), {}, {}};
        case nlohmann::json::value_t::object:
            return {K::json_object, dump_json(v), {}, {}};
        default:
            return {K::json_number, dump_json(v), {}, {}};
    }
}

}  // namespace simpleauth::detail
