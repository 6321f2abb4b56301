#pragma once
// Conversion of request values to the declared C++ types. A type T converts when simpleauth::cast<T>
// has a static `T from(const RawValue&)` that throws CastFailure on a bad value. Integers, floating
// point numbers, bool and std::string are built in, so is any class constructible from a std::string
// (upstream's "any class with a 1-argument constructor"); specialize cast<T> for your own types.

#include <concepts>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
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

// A class built from the text of the value; what its constructor throws becomes the cast error, as
// upstream. std::string_view is left out: it would dangle.
template <class T>
concept ConstructibleFromString =
    std::is_class_v<T> && std::constructible_from<T, std::string> && !std::same_as<T, std::string> &&
    !std::same_as<T, std::string_view>;

template <ConstructibleFromString T>
struct cast<T> {
    static T from(const RawValue& value) {
        std::string text = detail::parse_string(value);
        try {
            return T(std::move(text));
        } catch (const CastFailure&) {
            throw;
        } catch (const std::exception& e) {
            throw CastFailure(e.what());
        }
    }
};

template <class T>
concept Castable = requires(const RawValue& v) {
    { cast<T>::from(v) } -> std::convertible_to<T>;
};

}  // namespace simpleauth
