#pragma once
// JsonValue: any JSON value as a parameter (upstream's JsonData). A query or form value is parsed as
// JSON, a member of a JSON body is taken as is; null is a value. It holds the JSON text, so that this
// header needs no JSON library; with <simpleauth/json.hpp>, Param<"j", sa::Json> gives an nlohmann::json.

#include <string>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/detail/json_text.hpp"

namespace simpleauth {

class JsonValue {
public:
    using Kind = RawValue::Kind;

    JsonValue() = default;  // null

    Kind kind() const noexcept { return value_.kind; }
    bool is_null() const noexcept { return value_.kind == Kind::json_null; }
    bool is_string() const noexcept { return value_.kind == Kind::json_string; }
    bool is_number() const noexcept { return value_.kind == Kind::json_number; }
    bool is_bool() const noexcept { return value_.kind == Kind::json_bool; }
    bool is_array() const noexcept { return value_.kind == Kind::json_array; }
    bool is_object() const noexcept { return value_.kind == Kind::json_object; }

    // the value as compact JSON text
    std::string dump() const { return detail::json_text_of(value_); }
    // the value as a request value: convert it further with cast<T>::from(value.raw())
    const RawValue& raw() const noexcept { return value_; }

    static JsonValue from(const RawValue& value) {
        JsonValue j;
        j.value_ = detail::json_value_of(value);
        return j;
    }

private:
    RawValue value_{Kind::json_null, "null", {}, {}};
};

template <>
struct cast<JsonValue> {
    static JsonValue from(const RawValue& value) { return JsonValue::from(value); }
};

}  // namespace simpleauth
