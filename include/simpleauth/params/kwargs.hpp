#pragma once
// Kwargs: every request parameter that no other argument of the handler declares (upstream's
// **kwargs), in request order, before conversion. A route that takes Kwargs has no "unexpected"
// parameters; authentication parameters (FSA_PARAM_USER...) are never in it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/errors.hpp"
#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/value.hpp"

namespace simpleauth {

class Kwargs {
public:
    using Item = std::pair<std::string, RawValue>;

    Kwargs() = default;
    explicit Kwargs(std::vector<Item> items) : items_(std::move(items)) {}

    auto begin() const noexcept { return items_.begin(); }
    auto end() const noexcept { return items_.end(); }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }

    // the first value of that name, nullptr when absent
    const RawValue* find(std::string_view name) const noexcept {
        for (const auto& [n, v] : items_) {
            if (n == name) {
                return &v;
            }
        }
        return nullptr;
    }

    // the first value converted as a Param<name, T> would be; a bad value is the client's mistake: 400
    template <Castable T>
    std::optional<T> get(std::string_view name) const {
        const RawValue* v = find(name);
        if (v == nullptr) {
            return std::nullopt;
        }
        try {
            return cast<T>::from(*v);
        } catch (const CastFailure& e) {
            throw ErrorResponse(cast_error(name, *v, e.what()), 400);
        }
    }

private:
    static std::string cast_error(std::string_view name, const RawValue& value, const char* reason);

    std::vector<Item> items_;
};

}  // namespace simpleauth
