// UUIDs as Python's uuid.UUID(text) reads them.

#include <string>

#include "simpleauth/params/uuid.hpp"

namespace simpleauth {

Uuid Uuid::parse(std::string_view text) {
    // Python: drop "urn:" and "uuid:", strip braces, drop hyphens; then exactly 32 hex digits
    if (text.substr(0, 4) == "urn:") {
        text.remove_prefix(4);
    }
    if (text.substr(0, 5) == "uuid:") {
        text.remove_prefix(5);
    }
    while (!text.empty() && (text.front() == '{' || text.front() == '}')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == '{' || text.back() == '}')) {
        text.remove_suffix(1);
    }
    Uuid u;
    std::size_t n = 0;
    for (char c : text) {
        if (c == '-') {
            continue;
        }
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0 || n == 32) {
            throw CastFailure("badly formed hexadecimal UUID string");
        }
        u.bytes[n / 2] = static_cast<std::uint8_t>(u.bytes[n / 2] | (n % 2 == 0 ? d << 4 : d));
        ++n;
    }
    if (n != 32) {
        throw CastFailure("badly formed hexadecimal UUID string");
    }
    return u;
}

std::string Uuid::str() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out.push_back('-');
        }
        out.push_back(hex[bytes[i] >> 4]);
        out.push_back(hex[bytes[i] & 0xF]);
    }
    return out;
}

}  // namespace simpleauth
