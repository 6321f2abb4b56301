// Upstream hash_password's quality rules (FSA_PASSWORD_LENGTH, FSA_PASSWORD_RE) and messages.
#include <regex>
#include <stdexcept>

#include "passwords/passwords.hpp"

namespace simpleauth::detail {
namespace {

// Python's len() counts code points: count UTF-8 lead bytes, not continuation bytes.
std::size_t code_points(std::string_view text) noexcept {
    std::size_t n = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

}  // namespace

std::string password_quality_error(std::string_view password,
                                   std::size_t min_length,
                                   const std::vector<std::string>& regexes) {
    if (code_points(password) < min_length)
        return "password is too short, must be at least " + std::to_string(min_length);
    const std::string text(password);
    for (const auto& re : regexes) {
        std::regex compiled;
        try {
            compiled = std::regex(re, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            throw std::invalid_argument("invalid password regex " + re + ": " + e.what());
        }
        if (!std::regex_search(text, compiled)) return "password must match " + re;
    }
    return "";
}

}  // namespace simpleauth::detail
