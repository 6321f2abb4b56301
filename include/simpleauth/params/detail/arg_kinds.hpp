#pragma once
// What each kind of handler argument is, at compile time.

#include <optional>
#include <type_traits>

#include "simpleauth/context.hpp"
#include "simpleauth/http/request.hpp"
#include "simpleauth/params/chrono.hpp"
#include "simpleauth/params/cookie.hpp"
#include "simpleauth/params/file.hpp"
#include "simpleauth/params/header.hpp"
#include "simpleauth/params/json_value.hpp"
#include "simpleauth/params/kwargs.hpp"
#include "simpleauth/params/param.hpp"
#include "simpleauth/params/struct.hpp"
#include "simpleauth/params/uuid.hpp"
#include "simpleauth/params/vector.hpp"

namespace simpleauth {

// Special parameters of your own (upstream FSA_SPECIAL_PARAMETER / app.special_parameter): a handler
// argument of type T is injected from the request when simpleauth::special<T> has
// `static T extract(Context&)` (throw ErrorResponse to refuse the request).
template <class T>
struct special;

template <class T>
concept UserSpecial = requires(Context& ctx) {
    { special<T>::extract(ctx) } -> std::convertible_to<T>;
};

}  // namespace simpleauth

namespace simpleauth::detail {

// a named argument: Param, File, Header or Cookie
template <class A>
inline constexpr bool is_param = std::is_base_of_v<ParamTag, A>;
template <class A>
constexpr bool is_source(ParamSource source) {
    if constexpr (is_param<A>) {
        return A::source == source;
    } else {
        return false;
    }
}
// a named argument from the path, the query string or the body (Param, File)
template <class A>
inline constexpr bool is_request_param = is_source<A>(ParamSource::request);
template <class A>
inline constexpr bool is_header = is_source<A>(ParamSource::header);
template <class A>
inline constexpr bool is_cookie = is_source<A>(ParamSource::cookie);
template <class A>
inline constexpr bool is_kwargs = std::is_same_v<A, Kwargs>;
template <class A>
inline constexpr bool is_current_user = std::is_same_v<A, CurrentUser>;
template <class A>
inline constexpr bool is_optional_user = std::is_same_v<A, std::optional<CurrentUser>>;
template <class A>
inline constexpr bool is_context = std::is_same_v<A, Context>;
template <class A>
inline constexpr bool is_request = std::is_same_v<A, http::Request>;
template <class A>
inline constexpr bool is_user_special = UserSpecial<A>;
template <class A>
inline constexpr bool is_special =
    is_current_user<A> || is_optional_user<A> || is_context<A> || is_request<A> || is_kwargs<A> || is_user_special<A>;

template <class T>
struct Unoptional {
    using type = T;
    static constexpr bool optional = false;
};
template <class T>
struct Unoptional<std::optional<T>> {
    using type = T;
    static constexpr bool optional = true;
};

template <class T>
inline constexpr bool is_file_type = false;
template <>
inline constexpr bool is_file_type<UploadedFile> = true;
template <>
inline constexpr bool is_file_type<std::optional<UploadedFile>> = true;
template <>
inline constexpr bool is_file_type<std::vector<UploadedFile>> = true;
template <>
inline constexpr bool is_file_type<std::optional<std::vector<UploadedFile>>> = true;

// Param<..., std::optional<T>> converts through cast<T>
template <class A>
consteval bool param_is_castable() {
    return Castable<typename Unoptional<typename A::value_type>::type>;
}

template <class A>
constexpr std::string_view param_name() {
    if constexpr (is_param<A>) {
        return A::name;
    } else {
        return {};
    }
}

// path placeholders and object permission variables name request parameters only
template <class A>
constexpr bool param_named(std::string_view name) {
    if constexpr (is_request_param<A>) {
        return A::name == name;
    } else {
        return false;
    }
}
template <class A>
constexpr bool param_named_with_default(std::string_view name) {
    if constexpr (is_request_param<A>) {
        return A::name == name && !A::default_value.empty();
    } else {
        return false;
    }
}
template <class... A>
constexpr bool has_param(std::string_view name) {
    return (param_named<A>(name) || ...);
}
template <class... A>
constexpr bool has_any_param() {
    return (is_request_param<A> || ...);
}
template <class A>
constexpr bool param_named_vector(std::string_view name) {
    if constexpr (is_request_param<A>) {
        return A::name == name && is_vector<typename Unoptional<typename A::value_type>::type>;
    } else {
        return false;
    }
}
template <class A>
constexpr bool param_named_file(std::string_view name) {
    if constexpr (is_request_param<A>) {
        return A::name == name && is_file_type<typename A::value_type>;
    } else {
        return false;
    }
}

}  // namespace simpleauth::detail
