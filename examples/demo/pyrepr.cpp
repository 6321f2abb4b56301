#include "pyrepr.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace demo::py {

// Python's repr(float): the shortest digits that round-trip, in positional notation when the decimal
// exponent is in [-4, 16), in scientific notation with at least two exponent digits otherwise
std::string float_repr(double d) {
    if (std::isnan(d)) {
        return "nan";
    }
    if (std::isinf(d)) {
        return d < 0 ? "-inf" : "inf";
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<std::size_t>(end - buf));  // e.g. -1.25e+03
    std::string sign = sci.front() == '-' ? "-" : "";
    std::string_view mantissa = sci.substr(sign.size(), sci.find('e') - sign.size());
    int exp = std::stoi(std::string(sci.substr(sci.find('e') + 1)));
    std::string digits;
    for (char c : mantissa) {
        if (c != '.') {
            digits += c;
        }
    }
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
        }
        auto whole = static_cast<std::size_t>(exp) + 1;
        if (digits.size() <= whole) {
            return sign + digits + std::string(whole - digits.size(), '0') + ".0";
        }
        return sign + digits.substr(0, whole) + "." + digits.substr(whole);
    }
    std::string rest = digits.size() > 1 ? "." + digits.substr(1) : "";
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return sign + digits.substr(0, 1) + rest + e;
}

std::string bool_repr(bool b) {
    return b ? "True" : "False";
}

namespace {

// single quotes, unless the string has a single quote and no double quote
std::string string_repr(const std::string& s) {
    char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    for (unsigned char c : s) {
        if (c == '\\' || c == static_cast<unsigned char>(quote)) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + quote;
}

}  // namespace

std::string repr(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "None";
        case Json::value_t::boolean:
            return bool_repr(value.get<bool>());
        case Json::value_t::number_float:
            return float_repr(value.get<double>());
        case Json::value_t::string:
            return string_repr(value.get<std::string>());
        case Json::value_t::array: {
            std::string out = "[";
            for (const auto& item : value) {
                out += (out.size() > 1 ? ", " : "") + repr(item);
            }
            return out + "]";
        }
        case Json::value_t::object: {
            std::string out = "{";
            for (const auto& [key, item] : value.items()) {
                out += (out.size() > 1 ? ", " : "") + string_repr(key) + ": " + repr(item);
            }
            return out + "}";
        }
        default:
            return value.dump();  // integers
    }
}

std::string str(const Json& value) {
    return value.is_string() ? value.get<std::string>() : repr(value);
}

std::string type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "NoneType";
        case Json::value_t::boolean:
            return "bool";
        case Json::value_t::number_float:
            return "float";
        case Json::value_t::string:
            return "str";
        case Json::value_t::array:
            return "list";
        case Json::value_t::object:
            return "dict";
        default:
            return "int";
    }
}

}  // namespace demo::py
