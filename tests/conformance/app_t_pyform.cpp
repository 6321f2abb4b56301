#include "app_t_pyform.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <regex>
#include <stdexcept>

namespace sa = simpleauth;

namespace conformance {

std::string py_float(double d) {
    if (std::isnan(d)) {
        return "nan";
    }
    if (std::isinf(d)) {
        return d < 0 ? "-inf" : "inf";
    }
    // shortest round-trip digits (what repr uses), then Python's layout: fixed from 1e-4 to 1e16
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, res.ptr);
    std::string sign;
    if (s.front() == '-') {
        sign = "-";
        s.erase(0, 1);
    }
    std::size_t e = s.find('e');
    int exp = std::atoi(s.c_str() + e + 1);
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    if (exp < -4 || exp >= 16) {
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        return sign + digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "") + ebuf;
    }
    if (exp < 0) {
        return sign + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    }
    auto int_len = static_cast<std::size_t>(exp + 1);
    if (digits.size() <= int_len) {
        return sign + digits + std::string(int_len - digits.size(), '0') + ".0";
    }
    return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string py_bool(bool b) {
    return b ? "True" : "False";
}

std::string py_days(long long days) {
    if (days == 0) {
        return "0:00:00";
    }
    return std::to_string(days) + (days == 1 || days == -1 ? " day" : " days") + ", 0:00:00";
}

std::string py_time(const std::chrono::hh_mm_ss<std::chrono::microseconds>& t) {
    char buf[32];
    std::snprintf(buf,
                  sizeof buf,
                  "%02d:%02d:%02d",
                  static_cast<int>(t.hours().count()),
                  static_cast<int>(t.minutes().count()),
                  static_cast<int>(t.seconds().count()));
    std::string out(buf);
    if (auto us = t.subseconds().count(); us != 0) {
        std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(us));
        out += buf;
    }
    return out;
}

namespace {

// JSON string with ensure_ascii: non-ASCII as \uXXXX (UTF-16 surrogate pairs above U+FFFF)
std::string py_json_string(const std::string& s) {
    std::string out = "\"";
    char buf[16];
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        unsigned cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) {
            cp = c & 0x07U;
            len = 4;
        } else if (c >= 0xE0) {
            cp = c & 0x0FU;
            len = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1FU;
            len = 2;
        }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
        }
        i += len;
        switch (cp) {
            case '"':
                out += "\\\"";
                continue;
            case '\\':
                out += "\\\\";
                continue;
            case '\n':
                out += "\\n";
                continue;
            case '\r':
                out += "\\r";
                continue;
            case '\t':
                out += "\\t";
                continue;
            case '\b':
                out += "\\b";
                continue;
            case '\f':
                out += "\\f";
                continue;
            default:
                break;
        }
        if (cp >= 0x20 && cp < 0x7F) {
            out += static_cast<char>(cp);
        } else if (cp > 0xFFFF) {
            cp -= 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (cp >> 10U), 0xDC00 + (cp & 0x3FFU));
            out += buf;
        } else {
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            out += buf;
        }
    }
    return out + "\"";
}

}  // namespace

std::string py_json(const nlohmann::ordered_json& v) {
    switch (v.type()) {
        case nlohmann::ordered_json::value_t::null:
            return "null";
        case nlohmann::ordered_json::value_t::boolean:
            return v.get<bool>() ? "true" : "false";
        case nlohmann::ordered_json::value_t::number_integer:
            return std::to_string(v.get<long long>());
        case nlohmann::ordered_json::value_t::number_unsigned:
            return std::to_string(v.get<unsigned long long>());
        case nlohmann::ordered_json::value_t::number_float:
            return py_float(v.get<double>());
        case nlohmann::ordered_json::value_t::string:
            return py_json_string(v.get<std::string>());
        case nlohmann::ordered_json::value_t::array: {
            std::string out = "[";
            for (const auto& item : v) {
                out += (out.size() > 1 ? ", " : "") + py_json(item);
            }
            return out + "]";
        }
        case nlohmann::ordered_json::value_t::object: {
            std::string out = "{";
            for (const auto& [key, item] : v.items()) {
                out += (out.size() > 1 ? ", " : "") + py_json_string(key) + ": " + py_json(item);
            }
            return out + "}";
        }
        default:
            return "null";
    }
}

Complex Complex::parse(std::string_view text) {
    // complex(str): optional spaces and parentheses around "<real>", "<imag>j" or "<real>±<imag>j"
    static const std::string num = R"((?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|infinity|inf|nan))";
    static const std::regex real_only("^([+-]?" + num + ")$", std::regex::icase);
    static const std::regex imag_only("^([+-]?)(" + num + ")?j$", std::regex::icase);
    static const std::regex both("^([+-]?" + num + ")([+-])(" + num + ")?j$", std::regex::icase);
    std::string s(text);
    auto strip = [](std::string& x) {
        x.erase(0, x.find_first_not_of(" \t\n\r\f\v"));
        x.erase(x.find_last_not_of(" \t\n\r\f\v") + 1);
    };
    strip(s);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
        s = s.substr(1, s.size() - 2);
        strip(s);
    }
    std::smatch m;
    auto number = [](const std::string& x) { return std::strtod(x.c_str(), nullptr); };
    if (std::regex_match(s, m, real_only)) {
        return {number(m[1]), 0.0};
    }
    if (std::regex_match(s, m, imag_only)) {
        double im = m[2].matched ? number(m[2]) : 1.0;
        return {0.0, m[1] == "-" ? -im : im};
    }
    if (std::regex_match(s, m, both)) {
        double im = m[3].matched ? number(m[3]) : 1.0;
        return {number(m[1]), m[2] == "-" ? -im : im};
    }
    throw sa::CastFailure("complex() arg is a malformed string");
}

std::string Complex::repr() const {
    // each part like a float without a trailing ".0"; a +0 real part is left out
    auto part = [](double d) {
        std::string s = py_float(d);
        if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
            s.resize(s.size() - 2);
        }
        return s;
    };
    if (re == 0.0 && !std::signbit(re)) {
        return part(im) + "j";
    }
    return "(" + part(re) + (std::signbit(im) ? "-" : "+") + part(std::fabs(im)) + "j)";
}

MyInt MyInt::parse(std::string_view text) {
    // int(s, 10): surrounding spaces, a sign, '_' between digits; anything else is Python's message
    auto fail = [&] { return sa::CastFailure("invalid literal for int() with base 10: '" + std::string(text) + "'"); };
    std::string_view s = text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    std::string digits;
    bool last_digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits += c;
            last_digit = true;
        } else if (c == '_' && last_digit) {
            last_digit = false;
        } else {
            throw fail();
        }
    }
    if (digits.empty() || !last_digit) {
        throw fail();
    }
    long long v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc()) {
        throw sa::CastFailure("integer out of range (64-bit port): '" + std::string(text) + "'");
    }
    return {negative ? -v : v};
}

Mail::Mail(std::string s) : address(std::move(s)) {
    if (address.find('@') == std::string::npos) {
        throw std::invalid_argument("email address must contain a '@'");
    }
}

Len::Len(std::string s) {
    // characters, not bytes: UTF-8 continuation bytes are not counted
    length = static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

}  // namespace conformance

namespace simpleauth {

conformance::PyFloat cast<conformance::PyFloat>::from(const RawValue& v) {
    if (v.kind == RawValue::Kind::text || v.kind == RawValue::Kind::json_string) {
        std::string s = v.text;
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string_view body = s;
        bool negative = false;
        if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
            negative = body.front() == '-';
            body.remove_prefix(1);
        }
        if (body == "nan") {
            return {std::nan("")};
        }
        if (body == "inf" || body == "infinity") {
            double inf = std::numeric_limits<double>::infinity();
            return {negative ? -inf : inf};
        }
    }
    return {detail::parse_floating(v)};
}

}  // namespace simpleauth
