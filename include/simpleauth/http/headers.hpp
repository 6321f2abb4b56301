#pragma once
// An ordered list of header fields with case-insensitive lookup (RFC 9110 field names).

#include <string>
#include <string_view>
#include <vector>

namespace simpleauth::http {

struct Field {
    std::string name;
    std::string value;
};

bool iequals(std::string_view a, std::string_view b) noexcept;

class Headers {
public:
    void add(std::string name, std::string value) { fields_.push_back({std::move(name), std::move(value)}); }
    // replaces every field of that name by one
    void set(std::string_view name, std::string value);
    // first value of that name, nullptr when absent
    const std::string* find(std::string_view name) const noexcept;
    std::size_t count(std::string_view name) const noexcept;
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }
    void remove(std::string_view name);

    auto begin() const noexcept { return fields_.begin(); }
    auto end() const noexcept { return fields_.end(); }
    std::size_t size() const noexcept { return fields_.size(); }
    bool empty() const noexcept { return fields_.empty(); }
    void reserve(std::size_t n) { fields_.reserve(n); }
    void clear() noexcept { fields_.clear(); }

private:
    std::vector<Field> fields_;
};

}  // namespace simpleauth::http
