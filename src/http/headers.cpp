#include "simpleauth/http/headers.hpp"

#include <algorithm>

namespace simpleauth::http {

namespace {
constexpr char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

void Headers::set(std::string_view name, std::string value) {
    remove(name);
    fields_.push_back({std::string(name), std::move(value)});
}

const std::string* Headers::find(std::string_view name) const noexcept {
    for (const auto& f : fields_) {
        if (iequals(f.name, name)) {
            return &f.value;
        }
    }
    return nullptr;
}

std::size_t Headers::count(std::string_view name) const noexcept {
    return static_cast<std::size_t>(
        std::count_if(fields_.begin(), fields_.end(), [&](const Field& f) { return iequals(f.name, name); }));
}

void Headers::remove(std::string_view name) {
    std::erase_if(fields_, [&](const Field& f) { return iequals(f.name, name); });
}

}  // namespace simpleauth::http
