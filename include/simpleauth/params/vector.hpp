#pragma once
// std::vector<T> from a JSON array, each item converted by cast<T>. Repeated query/form values
// (?tag=a&tag=b) are gathered by the binder before reaching here.

#include <string>
#include <vector>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/detail/json_text.hpp"

namespace simpleauth {

template <Castable T>
struct cast<std::vector<T>> {
    static std::vector<T> from(const RawValue& value) {
        std::vector<RawValue> items = detail::json_array_items(value);
        std::vector<T> out;
        out.reserve(items.size());
        std::string errors;  // every bad item, not just the first
        for (std::size_t i = 0; i < items.size(); ++i) {
            try {
                out.push_back(cast<T>::from(items[i]));
            } catch (const CastFailure& e) {
                errors += (errors.empty() ? "" : "; ") + std::string("item ") + std::to_string(i) + ": " + e.what();
            }
        }
        if (!errors.empty()) {
            throw CastFailure(errors);
        }
        return out;
    }
};

namespace detail {
template <class T>
inline constexpr bool is_vector = false;
template <class T>
inline constexpr bool is_vector<std::vector<T>> = true;
}  // namespace detail

}  // namespace simpleauth
