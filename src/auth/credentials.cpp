#include "auth/credentials.hpp"

#include "tokens/base64.hpp"

namespace simpleauth::detail {

std::optional<AuthorizationHeader> split_authorization(std::string_view header) {
    std::size_t space = header.find(' ');
    if (space == std::string_view::npos || space == 0 || space + 1 >= header.size()) {
        return std::nullopt;
    }
    return AuthorizationHeader{header.substr(0, space), header.substr(space + 1)};
}

bool valid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 0;
        unsigned int cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        // overlong forms, surrogates and values beyond Unicode
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

std::optional<BasicCredentials> decode_basic(std::string_view value) {
    auto decoded = base64_decode(value);
    if (!decoded) {
        return std::nullopt;
    }
    std::size_t colon = decoded->find(':');
    if (colon == std::string::npos || !valid_utf8(*decoded)) {
        return std::nullopt;
    }
    for (char c : *decoded) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            return std::nullopt;
        }
    }
    return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

bool is_b64token(std::string_view token) noexcept {
    std::size_t i = 0;
    for (; i < token.size(); ++i) {
        char c = token[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                  c == '_' || c == '~' || c == '+' || c == '/';
        if (!ok) {
            break;
        }
    }
    if (i == 0) {
        return false;
    }
    for (; i < token.size(); ++i) {
        if (token[i] != '=') {
            return false;
        }
    }
    return true;
}

}  // namespace simpleauth::detail
