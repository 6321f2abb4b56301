#pragma once
// Compile-time reading of a route path: "/store/<sid>/product" has one placeholder, "sid";
// "<path:rest>" names a converter before the colon.

#include <cstddef>
#include <string_view>

#include "simpleauth/params/detail/fixed_string.hpp"

namespace simpleauth::detail {

// std::string_view::find compares pointers to null, which g++ cannot evaluate at compile time on a
// template parameter object when sanitizers instrument it: a plain loop instead.
constexpr std::size_t index_of(std::string_view s, char c, std::size_t from = 0) {
    for (std::size_t i = from; i < s.size(); ++i) {
        if (s[i] == c) {
            return i;
        }
    }
    return std::string_view::npos;
}

struct PlaceholderBounds {
    std::size_t start = 0;  // first character of the name
    std::size_t length = 0;
    std::size_t converter_start = 0;
    std::size_t converter_length = 0;  // 0: no converter
};

// true when every '<' is closed by a '>' in the same segment and every placeholder has a name
constexpr bool path_is_well_formed(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return false;
    }
    bool open = false;
    std::size_t name_length = 0;
    for (char c : path) {
        if (c == '<') {
            if (open) {
                return false;
            }
            open = true;
            name_length = 0;
        } else if (c == '>') {
            if (!open || name_length == 0) {
                return false;
            }
            open = false;
        } else if (open) {
            if (c == '/') {
                return false;
            }
            name_length = c == ':' ? 0 : name_length + 1;
        }
    }
    return !open;
}

constexpr std::size_t placeholder_count(std::string_view path) {
    std::size_t n = 0;
    for (char c : path) {
        n += c == '<' ? 1 : 0;
    }
    return n;
}

constexpr PlaceholderBounds placeholder_bounds(std::string_view path, std::size_t index) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '<') {
            continue;
        }
        if (seen++ != index) {
            continue;
        }
        std::size_t close = index_of(path, '>', i);
        std::string_view inside = path.substr(i + 1, close - i - 1);
        std::size_t colon = index_of(inside, ':');
        if (colon == std::string_view::npos) {
            return {i + 1, inside.size(), 0, 0};
        }
        return {i + 2 + colon, inside.size() - colon - 1, i + 1, colon};
    }
    return {};
}

template <FixedString Path, std::size_t I>
constexpr auto placeholder_name() {
    constexpr PlaceholderBounds b = placeholder_bounds(Path.view(), I);
    FixedString<b.length + 1> name;
    for (std::size_t i = 0; i < b.length; ++i) {
        name.data[i] = Path.data[b.start + i];
    }
    return name;
}

template <FixedString Path, std::size_t I>
constexpr std::string_view placeholder_converter() {
    constexpr PlaceholderBounds b = placeholder_bounds(Path.view(), I);
    return Path.view().substr(b.converter_start, b.converter_length);
}

constexpr bool path_has_placeholder(std::string_view path, std::string_view name) {
    for (std::size_t i = 0; i < placeholder_count(path); ++i) {
        PlaceholderBounds b = placeholder_bounds(path, i);
        if (path.substr(b.start, b.length) == name) {
            return true;
        }
    }
    return false;
}

}  // namespace simpleauth::detail
