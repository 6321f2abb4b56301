// Shared helpers of the src/passwords tests: golden data and cheap options.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "passwords/passwords.hpp"

namespace simpleauth::test {

inline nlohmann::json load_passwords_golden() {
    const auto path =
        std::filesystem::path(__FILE__).parent_path().parent_path() / "testdata" / "passwords_golden.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing golden file " + path.string());
    return nlohmann::json::parse(in);
}

inline std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

inline std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        out += digits[static_cast<unsigned char>(c) >> 4];
        out += digits[static_cast<unsigned char>(c) & 0xF];
    }
    return out;
}

// Parameters far below the secure defaults, so that the whole suite stays fast; the defaults
// themselves are checked by parsing the hashes they produce.
inline simpleauth::detail::PasswordOptions cheap_options(std::string_view scheme) {
    if (scheme == "bcrypt") return {{"rounds", "4"}};
    if (scheme == "argon2") return {{"memory_cost", "64"}, {"time_cost", "1"}};
    if (scheme == "scrypt") return {{"logN", "8"}};
    if (scheme == "sha512crypt") return {{"rounds", "5000"}};
    return {};
}

inline std::unique_ptr<simpleauth::detail::PasswordScheme> cheap_scheme(std::string_view scheme) {
    return simpleauth::detail::make_password_scheme(scheme, cheap_options(scheme));
}

// For an ["argon2", "bcrypt"] context (an option no scheme of a context uses is refused).
inline const simpleauth::detail::PasswordOptions kCheapArgonBcrypt{
    {"bcrypt__rounds", "4"},
    {"memory_cost", "64"},
    {"time_cost", "1"},
};

}  // namespace simpleauth::test
