#pragma once
// Conversion of request values to the declared C++ types. A type T converts when simpleauth::cast<T>
// has a static `T from(const RawValue&)` that throws CastFailure on a bad value. Integers, floating
// point numbers, bool and std::string are built in; specialize cast<T> for your own types.

#include <concepts>
#include <limits>
#include <string>
#include <type_traits>

#include "simpleauth/params/value.hpp"

namespace simpleauth {

namespace detail {
// Upstream rules (Python int(s, base=0)): sign, 0x/0o/0b prefixes, '_' between digits, no leading zeros;
// JSON integers as is; a JSON string is parsed like a query value. Range: int64.
long long parse_integer(const RawValue& value);
// Finite numbers only (nan and inf are refused).
double parse_floating(const RawValue& value);
// Upstream rules: false iff the lowercased text is "", "0", "false" or "f"; JSON booleans as is.
bool parse_boolean(const RawValue& value);
std::string parse_string(const RawValue& value);
[[noreturn]] void throw_out_of_range(long long value, long long min, long long max);
}  // namespace detail

template <class T>
struct cast;  // no conversion unless specialized

template <std::integral T>
requires(!std::same_as<T, bool>) struct cast<T> {
    static T from(const RawValue& value) {
        long long v = detail::parse_integer(value);
        using L = std::numeric_limits<T>;
        constexpr long long min = static_cast<long long>(L::min());
        constexpr long long max = L::max() > static_cast<unsigned long long>(std::numeric_limits<long long>::max())
                                      ? std::numeric_limits<long long>::max()
                                      : static_cast<long long>(L::max());
        if (v < min || v > max) {
            detail::throw_out_of_range(v, min, max);
        }
        return static_cast<T>(v);
    }
};

template <std::floating_point T>
struct cast<T> {
    static T from(const RawValue& value) { return static_cast<T>(detail::parse_floating(value)); }
};

template <>
struct cast<bool> {
    static bool from(const RawValue& value) { return detail::parse_boolean(value); }
};

template <>
struct cast<std::string> {
    static std::string from(const RawValue& value) { return detail::parse_string(value); }
};

template <class T>
concept Castable = requires(const RawValue& v) {
    { cast<T>::from(v) } -> std::convertible_to<T>;
};

}  // namespace simpleauth
