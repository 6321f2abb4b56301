// Internal to src/passwords: option reading and one factory per scheme, used by
// make_password_scheme and PasswordContext (registry.cpp, password_context.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "passwords/passwords.hpp"

namespace simpleauth::detail {

// Reads a scheme's options and remembers which keys were used, so that an option no scheme knows
// (a typo, or an upstream option we do not support) is refused instead of silently ignored.
class OptionReader {
public:
    explicit OptionReader(const PasswordOptions& options) : options_(options) {}

    // The value of `key` (or one of its aliases) for a scheme known under `prefixes`: a prefixed
    // passlib-style key `<prefix>__<key>` first, then the bare key.
    std::optional<std::string> get(const std::vector<std::string_view>& prefixes,
                                   const std::vector<std::string_view>& keys);
    // Same, parsed as a decimal integer within [min, max]; `fallback` when absent. Throws
    // std::invalid_argument naming the option otherwise.
    std::int64_t get_int(const std::vector<std::string_view>& prefixes,
                         const std::vector<std::string_view>& keys,
                         std::int64_t fallback,
                         std::int64_t min,
                         std::int64_t max);
    // Keys no scheme asked for.
    std::vector<std::string> unused() const;

private:
    const PasswordOptions& options_;
    std::set<std::string> used_;
};

// Throws std::invalid_argument when the password is over kMaxPasswordBytes (before any hashing).
void check_password_length(std::string_view password);

std::unique_ptr<PasswordScheme> make_bcrypt_scheme(OptionReader& options, std::string_view default_prefix);
std::unique_ptr<PasswordScheme> make_argon2_scheme(OptionReader& options);
std::unique_ptr<PasswordScheme> make_scrypt_scheme(OptionReader& options);
std::unique_ptr<PasswordScheme> make_sha512crypt_scheme(OptionReader& options);
std::unique_ptr<PasswordScheme> make_plaintext_scheme();
std::unique_ptr<PasswordScheme> make_b64_scheme();
std::unique_ptr<PasswordScheme> make_a85_scheme();

// Any accepted spelling (see make_password_scheme); the options are read but unused ones not checked.
std::unique_ptr<PasswordScheme> make_scheme(std::string_view name, OptionReader& options);

}  // namespace simpleauth::detail
