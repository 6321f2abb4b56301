#pragma once
// pydantic's "lax" conversions, which upstream's models (model.py, the types of types_path.py) apply
// instead of the framework's scalar rules: a boolean from 0/1 or yes/no/on/off..., an integer from an
// integral float, a numeric string or a boolean.

#include <simpleauth/params/cast.hpp>

namespace demo {

struct LaxBool {
    bool value = false;
};
struct LaxInt {
    long long value = 0;
};

LaxBool lax_bool(const simpleauth::RawValue& value);  // CastFailure "Input should be a valid boolean"
LaxInt lax_int(const simpleauth::RawValue& value);    // CastFailure "Input should be a valid integer"

}  // namespace demo

template <>
struct simpleauth::cast<demo::LaxBool> {
    static demo::LaxBool from(const RawValue& value) { return demo::lax_bool(value); }
};
template <>
struct simpleauth::cast<demo::LaxInt> {
    static demo::LaxInt from(const RawValue& value) { return demo::lax_int(value); }
};
