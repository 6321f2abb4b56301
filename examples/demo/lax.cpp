// pydantic 2 lax mode for bool and int (https://docs.pydantic.dev/latest/concepts/conversion_table/).

#include "lax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace demo {

namespace sa = simpleauth;
using Kind = sa::RawValue::Kind;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// an integral number written as text ("3", "-2", "3.0"), nullopt otherwise
std::optional<long long> integral(std::string_view text) {
    double d = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d) || std::trunc(d) != d ||
        std::fabs(d) > 9.0e15) {
        return std::nullopt;
    }
    return static_cast<long long>(d);
}

}  // namespace

LaxBool lax_bool(const sa::RawValue& value) {
    static constexpr std::array<std::string_view, 6> yes{"true", "t", "yes", "y", "on", "1"};
    static constexpr std::array<std::string_view, 6> no{"false", "f", "no", "n", "off", "0"};
    switch (value.kind) {
        case Kind::json_bool:
            return {value.text == "true"};
        case Kind::json_number:
            if (auto n = integral(value.text); n && (*n == 0 || *n == 1)) {
                return {*n == 1};
            }
            break;
        case Kind::text:
        case Kind::json_string: {
            std::string s = lower(value.text);
            if (std::find(yes.begin(), yes.end(), s) != yes.end()) {
                return {true};
            }
            if (std::find(no.begin(), no.end(), s) != no.end()) {
                return {false};
            }
            break;
        }
        default:
            break;
    }
    throw sa::CastFailure("Input should be a valid boolean");
}

LaxInt lax_int(const sa::RawValue& value) {
    switch (value.kind) {
        case Kind::json_bool:
            return {value.text == "true" ? 1 : 0};
        case Kind::json_number:
        case Kind::text:
        case Kind::json_string:
            if (auto n = integral(value.text)) {
                return {*n};
            }
            break;
        default:
            break;
    }
    throw sa::CastFailure("Input should be a valid integer");
}

}  // namespace demo
