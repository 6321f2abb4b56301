#pragma once
// The default value of a parameter, written in its type: Param<"pattern", std::string, "%">,
// Param<"limit", int, 10>, Param<"ratio", double, 0.5>, Param<"all", bool, false>.

#include <concepts>
#include <cstddef>
#include <string_view>

namespace simpleauth::detail {

struct Literal {
    enum class Kind { none, text, integer, floating, boolean };
    static constexpr std::size_t capacity = 64;

    Kind kind = Kind::none;
    char text[capacity]{};
    std::size_t length = 0;
    long long integer = 0;
    double floating = 0.0;
    bool boolean = false;

    constexpr Literal() = default;
    template <std::size_t N>
    constexpr Literal(const char (&s)[N]) : kind(Kind::text), length(N - 1) {  // NOLINT(google-explicit-constructor)
        static_assert(N <= capacity, "simpleauth: a default string must be shorter than 64 characters");
        for (std::size_t i = 0; i < N; ++i) {
            text[i] = s[i];
        }
    }
    template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>) constexpr Literal(I i)
        : kind(Kind::integer), integer(static_cast<long long>(i)) {}    // NOLINT
    constexpr Literal(double d) : kind(Kind::floating), floating(d) {}  // NOLINT
    constexpr Literal(bool b) : kind(Kind::boolean), boolean(b) {}      // NOLINT

    constexpr bool empty() const { return kind == Kind::none; }
    constexpr std::string_view view() const { return {text, length}; }
};

}  // namespace simpleauth::detail
