#include "core/url_decode.hpp"

#include <algorithm>

namespace simpleauth::detail {

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space) {
    // most path segments, parameter names and values have nothing to decode: copied whole, not byte by byte
    if (text.find_first_of(plus_as_space ? std::string_view("%+") : std::string_view("%")) == std::string_view::npos) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_as_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 0x0F]);
        }
    }
    return out;
}

bool parse_urlencoded(std::string_view text, std::vector<std::pair<std::string, RawValue>>& out) {
    if (!text.empty()) {  // at most one pair per '&' and one more: the vector grows once
        out.reserve(out.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '&')) + 1);
    }
    while (!text.empty()) {
        std::size_t amp = text.find('&');
        std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        std::size_t eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!name || !value) {
            return false;
        }
        out.emplace_back(std::move(*name), RawValue{RawValue::Kind::text, std::move(*value)});
    }
    return true;
}

}  // namespace simpleauth::detail
