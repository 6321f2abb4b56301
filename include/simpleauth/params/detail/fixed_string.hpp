#pragma once
// A string usable as a template argument: the names of routes, parameters, groups and domains
// live in types, so that the compiler can check a route declaration against its handler.

#include <cstddef>
#include <string_view>

namespace simpleauth::detail {

template <std::size_t N>
struct FixedString {
    char data[N]{};  // includes the terminating NUL

    constexpr FixedString() = default;
    constexpr FixedString(const char (&text)[N]) {  // NOLINT(google-explicit-constructor): used as a literal
        for (std::size_t i = 0; i < N; ++i) {
            data[i] = text[i];
        }
    }
    constexpr std::string_view view() const { return {data, N - 1}; }
    constexpr std::size_t size() const { return N - 1; }
};

}  // namespace simpleauth::detail
