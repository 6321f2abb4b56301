#pragma once
// Compile-time checks of a route declaration against its handler. A mistake names its culprit in the
// first line of the diagnostic (an incomplete type carrying the name), followed by advice.

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>

#include "simpleauth/authz.hpp"
#include "simpleauth/params/detail/arg_kinds.hpp"
#include "simpleauth/params/detail/path_pattern.hpp"

namespace simpleauth::detail {

template <FixedString Name>
struct path_placeholder_without_matching_parameter;  // incomplete on purpose
template <FixedString Name>
struct object_permission_variable_is_not_a_parameter;  // incomplete on purpose
template <class T>
struct parameter_type_without_conversion;  // incomplete on purpose
template <class T>
struct handler_argument_is_not_a_parameter;  // incomplete on purpose

template <FixedString Path, std::size_t I, class... A>
constexpr void check_placeholder() {
    constexpr auto name = placeholder_name<Path, I>();
    if constexpr (!has_param<A...>(name.view())) {
        (void)sizeof(path_placeholder_without_matching_parameter<name>);
        static_assert(has_param<A...>(name.view()),
                      "simpleauth: every <placeholder> of the path needs a handler argument Param<\"name\", T>");
    }
    static_assert(!(param_named_with_default<A>(name.view()) || ...),
                  "simpleauth: a path parameter cannot have a default");
    static_assert(!(param_named_vector<A>(name.view()) || ...),
                  "simpleauth: a path parameter cannot be a std::vector; take it from the query string");
    static_assert(!(param_named_file<A>(name.view()) || ...), "simpleauth: a path parameter cannot be a file");
    constexpr std::string_view converter = placeholder_converter<Path, I>();
    static_assert(
        converter.empty() || converter == "path" || converter == "string" || converter == "int" || converter == "float",
        "simpleauth: unknown path converter; use <name>, <path:name>, <int:name>, <float:name>");
}

template <FixedString Path, class... A, std::size_t... I>
constexpr void check_placeholders(std::index_sequence<I...>) {
    (check_placeholder<Path, I, A...>(), ...);
}

consteval std::size_t variable_count(std::string_view vars) {
    if (vars.empty()) {
        return 0;
    }
    std::size_t n = 1;
    for (char c : vars) {
        n += c == ':' ? 1 : 0;
    }
    return n;
}

template <FixedString Vars, std::size_t I>
constexpr auto variable_name() {
    constexpr auto bounds = [] {
        std::string_view v = Vars.view();
        std::size_t start = 0;
        for (std::size_t i = 0; i < I; ++i) {
            start = index_of(v, ':', start) + 1;
        }
        std::size_t end = index_of(v, ':', start);
        return std::pair<std::size_t, std::size_t>{start, (end == std::string_view::npos ? v.size() : end) - start};
    }();
    FixedString<bounds.second + 1> name;
    for (std::size_t i = 0; i < bounds.second; ++i) {
        name.data[i] = Vars.data[bounds.first + i];
    }
    return name;
}

template <FixedString Vars, std::size_t I, class... A>
constexpr void check_variable() {
    constexpr auto name = variable_name<Vars, I>();
    if constexpr (!has_param<A...>(name.view())) {
        (void)sizeof(object_permission_variable_is_not_a_parameter<name>);
        static_assert(has_param<A...>(name.view()),
                      "simpleauth: an object permission variable must be a Param of the handler");
    }
}

template <class Perm, class... A, std::size_t... I>
constexpr void check_variables(std::index_sequence<I...>) {
    (check_variable<Perm::vars, I, A...>(), ...);
}

template <class Perm, class... A>
constexpr void check_perm() {
    static_assert(has_any_param<A...>(), "simpleauth: object permissions require some parameters");
    check_variables<Perm, A...>(std::make_index_sequence<variable_count(Perm::vars.view())>{});
}

template <class Perms, class... A>
struct PermChecks;
template <class... P, class... A>
struct PermChecks<std::tuple<P...>, A...> {
    static constexpr void run() { (check_perm<P, A...>(), ...); }
};

consteval bool is_token(std::string_view name) {
    constexpr std::string_view others = "!#$%&'*+-.^_`|~";
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  others.find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return !name.empty();
}

consteval char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
consteval bool same_name(std::string_view a, std::string_view b, bool ignore_case) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ignore_case ? lower(a[i]) != lower(b[i]) : a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

template <class A>
constexpr void check_argument() {
    if constexpr (!is_param<A> && !is_special<A>) {
        (void)sizeof(handler_argument_is_not_a_parameter<A>);
        static_assert(is_param<A> || is_special<A>,
                      "simpleauth: a handler argument must be Param<\"name\", T>, Header, Cookie, File, Kwargs, "
                      "CurrentUser, std::optional<CurrentUser>, Context&, const http::Request& or a type with a "
                      "simpleauth::special<T> specialization");
    } else if constexpr (is_param<A>) {
        if constexpr (!param_is_castable<A>()) {
            (void)sizeof(parameter_type_without_conversion<typename A::value_type>);
            static_assert(param_is_castable<A>(),
                          "simpleauth: no conversion for this parameter type; specialize simpleauth::cast<T>");
        }
        constexpr auto kind = A::default_value.kind;
        using T = typename Unoptional<typename A::value_type>::type;
        if constexpr (requires { A::is_file; }) {
            static_assert(is_file_type<typename A::value_type>,
                          "simpleauth: File<\"name\", T> takes T = UploadedFile, std::optional<UploadedFile> or "
                          "std::vector<UploadedFile>");
        }
        static_assert(!is_file_type<typename A::value_type> || A::default_value.empty(),
                      "simpleauth: a file parameter cannot have a default; use std::optional<UploadedFile>");
        static_assert(!is_file_type<typename A::value_type> || is_request_param<A>,
                      "simpleauth: a file comes from a multipart/form-data body; use File<\"name\">");
        static_assert(!is_vector<T> || A::default_value.empty(),
                      "simpleauth: a std::vector parameter cannot have a default; use std::optional<std::vector<T>>");
        static_assert(!(is_header<A> || is_cookie<A>) || is_token(A::name),
                      "simpleauth: a header or cookie name is an HTTP token (letters, digits, !#$%&'*+-.^_`|~)");
        static_assert(kind != Literal::Kind::integer || (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>),
                      "simpleauth: an integer default needs a numeric parameter type");
        static_assert(kind != Literal::Kind::floating || std::is_floating_point_v<T>,
                      "simpleauth: a floating point default needs a floating point parameter type");
        static_assert(kind != Literal::Kind::boolean || std::is_same_v<T, bool>,
                      "simpleauth: a bool default needs a bool parameter type");
    }
}

template <class A>
constexpr int source_of() {
    if constexpr (is_param<A>) {
        return static_cast<int>(A::source);
    } else {
        return -1;
    }
}

// one name per source: a header may share its name with a query parameter; header names ignore case
template <class... A>
consteval bool names_are_unique() {
    constexpr std::array<std::string_view, sizeof...(A)> names{param_name<A>()...};
    constexpr std::array<int, sizeof...(A)> sources{source_of<A>()...};
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (std::size_t j = i + 1; j < names.size(); ++j) {
            bool ignore_case = sources[i] == static_cast<int>(ParamSource::header);
            if (sources[i] >= 0 && sources[i] == sources[j] && same_name(names[i], names[j], ignore_case)) {
                return false;
            }
        }
    }
    return true;
}

template <FixedString Path, class Authz, class... A>
constexpr void check_route() {
    static_assert(path_is_well_formed(Path.view()),
                  "simpleauth: malformed path; it starts with '/' and placeholders are <name> or <converter:name>");
    (check_argument<A>(), ...);
    static_assert(names_are_unique<A...>(), "simpleauth: two handler arguments have the same parameter name");
    static_assert((0 + ... + (is_kwargs<A> ? 1 : 0)) <= 1, "simpleauth: a handler takes at most one Kwargs");
    static_assert(!(is_open<Authz> && (is_current_user<A> || ...)),
                  "simpleauth: an OPEN route cannot take a CurrentUser (use std::optional<CurrentUser>)");
    check_placeholders<Path, A...>(std::make_index_sequence<placeholder_count(Path.view())>{});
    PermChecks<typename PermsOf<std::remove_cvref_t<Authz>>::type, A...>::run();
}

}  // namespace simpleauth::detail
