// JSON values for the parameter headers (simpleauth/params/detail/json_text.hpp): arrays, objects,
// JSON-encoded query values and structures, through the request side's one JSON parser.

#include <algorithm>

#include "core/json_parse.hpp"
#include "simpleauth/params/detail/json_text.hpp"
#include "simpleauth/params/struct.hpp"

namespace simpleauth::detail {

namespace {

const char* kind_name(RawValue::Kind kind) {
    switch (kind) {
        case RawValue::Kind::json_string:
            return "a string";
        case RawValue::Kind::json_number:
            return "a number";
        case RawValue::Kind::json_bool:
            return "a boolean";
        case RawValue::Kind::json_null:
            return "null";
        case RawValue::Kind::json_array:
            return "a list";
        case RawValue::Kind::json_object:
            return "an object";
        case RawValue::Kind::file:
            return "a file";
        default:
            return "a text value";
    }
}

// a JSON kind's text is valid JSON already; a query/form text is parsed as JSON (upstream json.loads)
nlohmann::json parse_value(const RawValue& value) {
    if (value.kind == RawValue::Kind::file) {
        throw CastFailure("a file where a JSON value is expected");
    }
    if (value.kind == RawValue::Kind::json_string) {
        return nlohmann::json(value.text);
    }
    nlohmann::json doc;
    std::string error = parse_json_bounded(value.text, doc);
    if (!error.empty()) {
        throw CastFailure(error);
    }
    return doc;
}

}  // namespace

std::vector<RawValue> json_array_items(const RawValue& value) {
    if (value.kind != RawValue::Kind::json_array) {
        throw CastFailure(std::string("a list is expected, not ") + kind_name(value.kind));
    }
    std::vector<RawValue> items;
    for (const auto& item : parse_value(value)) {
        items.push_back(to_raw(item));
    }
    return items;
}

std::vector<std::pair<std::string, RawValue>> json_object_members(const RawValue& value) {
    if (value.kind != RawValue::Kind::json_object && value.kind != RawValue::Kind::text) {
        throw CastFailure(std::string("an object is expected, not ") + kind_name(value.kind));
    }
    nlohmann::json doc = parse_value(value);
    if (!doc.is_object()) {
        throw CastFailure(std::string("an object is expected, not ") + kind_name(to_raw(doc).kind));
    }
    std::vector<std::pair<std::string, RawValue>> members;
    for (const auto& [key, member] : doc.items()) {
        members.emplace_back(key, to_raw(member));
    }
    return members;
}

RawValue json_value_of(const RawValue& value) {
    if (value.is_json()) {
        return value;
    }
    return to_raw(parse_value(value));
}

std::string json_text_of(const RawValue& json) {
    if (json.kind == RawValue::Kind::json_string || json.kind == RawValue::Kind::text) {
        return dump_json(nlohmann::json(json.text));
    }
    return json.text;
}

const RawValue* StructReader::take(std::string_view name) {
    for (std::size_t i = 0; i < members_.size(); ++i) {
        if (members_[i].first == name) {
            used_[i] = true;
            return &members_[i].second;
        }
    }
    return nullptr;
}

void StructReader::finish() {
    for (std::size_t i = 0; i < members_.size(); ++i) {
        if (!used_[i]) {
            problems_.emplace_back(members_[i].first, "unexpected field");
        }
    }
    if (!problems_.empty()) {
        throw StructFailure(std::move(problems_));
    }
}

}  // namespace simpleauth::detail
