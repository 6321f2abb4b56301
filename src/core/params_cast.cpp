// Built-in conversions of request values, following upstream's Python rules where they are safe.

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/detail/bind.hpp"
#include "simpleauth/params/file.hpp"
#include "simpleauth/params/kwargs.hpp"

namespace simpleauth::detail {

namespace {

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

const char* json_kind_name(RawValue::Kind kind) {
    switch (kind) {
        case RawValue::Kind::json_bool:
            return "bool";
        case RawValue::Kind::json_null:
            return "null";
        case RawValue::Kind::json_array:
            return "list";
        case RawValue::Kind::json_object:
            return "dict";
        case RawValue::Kind::json_number:
            return "number";
        case RawValue::Kind::file:
            return "file";
        default:
            return "str";
    }
}

int digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

// Python's int(text, base=0), restricted to int64.
long long integer_from_text(std::string_view original) {
    std::string_view s = trim(original);
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    if (s.size() >= 2 && s[0] == '0' &&
        (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
        base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
        s.remove_prefix(2);
        if (!s.empty() && s.front() == '_') {  // Python allows one underscore right after the prefix
            s.remove_prefix(1);
        }
    }
    if (s.empty()) {
        throw CastFailure("invalid literal for int()");
    }
    // digit separators: single underscores between digits
    bool previous_underscore = true;
    bool all_zero = true;
    unsigned long long magnitude = 0;
    bool overflow = false;
    for (char c : s) {
        if (c == '_') {
            if (previous_underscore) {
                throw CastFailure("invalid literal for int()");
            }
            previous_underscore = true;
            continue;
        }
        int d = digit_value(c);
        if (d >= base) {
            throw CastFailure("invalid literal for int()");
        }
        previous_underscore = false;
        all_zero = all_zero && d == 0;
        unsigned long long next = 0;
        if (__builtin_mul_overflow(magnitude, static_cast<unsigned long long>(base), &next) ||
            __builtin_add_overflow(next, static_cast<unsigned long long>(d), &next)) {
            overflow = true;
        }
        magnitude = next;
    }
    if (previous_underscore) {
        throw CastFailure("invalid literal for int()");
    }
    if (base == 10 && s.front() == '0' && !all_zero) {
        throw CastFailure("invalid literal for int(): leading zeros");
    }
    constexpr unsigned long long max_positive = 9223372036854775807ULL;
    if (overflow || magnitude > max_positive + (negative ? 1 : 0)) {
        throw CastFailure("integer out of range");
    }
    if (negative) {
        return magnitude == max_positive + 1 ? std::numeric_limits<long long>::min()
                                             : -static_cast<long long>(magnitude);
    }
    return static_cast<long long>(magnitude);
}

double floating_from_text(std::string_view original) {
    std::string_view s = trim(original);
    std::string digits;
    digits.reserve(s.size());
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    char previous = '\0';
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') {  // Python: single underscores between digits
            bool digit_before = previous >= '0' && previous <= '9';
            bool digit_after = i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9';
            if (!digit_before || !digit_after) {
                throw CastFailure("could not convert string to float");
            }
        } else {
            digits.push_back(c);
        }
        previous = c;
    }
    if (digits.empty() || digits.front() == '+' || digits.front() == '-') {
        throw CastFailure("could not convert string to float");
    }
    double value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range) {
        throw CastFailure("float out of range");
    }
    if (ec != std::errc() || end != digits.data() + digits.size()) {
        throw CastFailure("could not convert string to float");
    }
    if (!std::isfinite(value)) {
        throw CastFailure("not a finite number");
    }
    return negative ? -value : value;
}

}  // namespace

long long parse_integer(const RawValue& value) {
    switch (value.kind) {
        case RawValue::Kind::text:
        case RawValue::Kind::json_string:
            return integer_from_text(value.text);
        case RawValue::Kind::json_number:
            if (value.text.find_first_of(".eE") != std::string::npos) {
                throw CastFailure("cannot cast to int: float");
            }
            return integer_from_text(value.text);
        default:
            throw CastFailure(std::string("cannot cast to int: ") + json_kind_name(value.kind));
    }
}

double parse_floating(const RawValue& value) {
    switch (value.kind) {
        case RawValue::Kind::text:
        case RawValue::Kind::json_string:
        case RawValue::Kind::json_number:
            return floating_from_text(value.text);
        default:
            throw CastFailure(std::string("cannot cast to float: ") + json_kind_name(value.kind));
    }
}

bool parse_boolean(const RawValue& value) {
    switch (value.kind) {
        case RawValue::Kind::json_bool:
            return value.text == "true";
        case RawValue::Kind::text:
        case RawValue::Kind::json_string: {
            std::string lower;
            for (char c : value.text) {
                lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
            }
            return !(lower.empty() || lower == "0" || lower == "false" || lower == "f");
        }
        default:
            throw CastFailure(std::string("cannot cast to bool: ") +
                              (value.kind == RawValue::Kind::json_number ? "int" : json_kind_name(value.kind)));
    }
}

std::string parse_string(const RawValue& value) {
    if (value.kind == RawValue::Kind::json_null) {
        throw CastFailure("cannot cast to str: null");
    }
    if (value.kind == RawValue::Kind::file) {
        throw CastFailure("a file where a value is expected");
    }
    return value.text;
}

UploadedFile parse_file(const RawValue& value) {
    if (value.kind == RawValue::Kind::file) {
        return UploadedFile{value.filename, value.content_type, value.text};
    }
    throw CastFailure(value.is_json() ? "cannot upload files as JSON" : "a text field where a file is expected");
}

void throw_out_of_range(long long value, long long min, long long max) {
    throw CastFailure("value " + std::to_string(value) + " out of range [" + std::to_string(min) + ", " +
                      std::to_string(max) + "]");
}

}  // namespace simpleauth::detail

namespace simpleauth {

std::string Kwargs::cast_error(std::string_view name, const RawValue& value, const char* reason) {
    return "parameter \"" + detail::describe_value(RawValue{RawValue::Kind::text, std::string(name), {}, {}}) +
           "\" cast error on " + detail::describe_value(value) + ": " + detail::safe_text(reason);
}

}  // namespace simpleauth
