#include <charconv>
#include <stdexcept>

#include "passwords/scheme_factories.hpp"

namespace simpleauth::detail {

std::optional<std::string> OptionReader::get(const std::vector<std::string_view>& prefixes,
                                             const std::vector<std::string_view>& keys) {
    for (const auto prefix : prefixes) {
        for (const auto key : keys) {
            std::string full = std::string(prefix) + "__" + std::string(key);
            if (auto it = options_.find(full); it != options_.end()) {
                used_.insert(full);
                return it->second;
            }
        }
    }
    for (const auto key : keys) {
        if (auto it = options_.find(std::string(key)); it != options_.end()) {
            used_.insert(it->first);
            return it->second;
        }
    }
    return std::nullopt;
}

std::int64_t OptionReader::get_int(const std::vector<std::string_view>& prefixes,
                                   const std::vector<std::string_view>& keys,
                                   std::int64_t fallback,
                                   std::int64_t min,
                                   std::int64_t max) {
    const auto text = get(prefixes, keys);
    if (!text) return fallback;
    std::int64_t value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    const std::string name(keys.front());
    if (text->empty() || ec != std::errc() || ptr != end)
        throw std::invalid_argument("password option " + name + " is not an integer: " + *text);
    if (value < min || value > max)
        throw std::invalid_argument("password option " + name + " out of range " + std::to_string(min) + ".." +
                                    std::to_string(max) + ": " + *text);
    return value;
}

std::vector<std::string> OptionReader::unused() const {
    std::vector<std::string> out;
    for (const auto& [key, value] : options_) {
        if (!used_.contains(key)) out.push_back(key);
    }
    return out;
}

void check_password_length(std::string_view password) {
    if (password.size() > kMaxPasswordBytes)
        throw std::invalid_argument("password longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
}

}  // namespace simpleauth::detail
