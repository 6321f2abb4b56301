#pragma once
// Handler arguments. The request name of a parameter is part of its type:
//   Param<"sid", int> sid                       required; *sid is the int
//   Param<"pattern", std::string, "%"> pattern  default used when absent
//   Param<"limit", std::optional<int>> limit    absent -> nullopt; present and invalid -> 400
//   Param<"tag", std::vector<std::string>> tag  every repeated value, or a JSON array
//   sa::CurrentUser user                        the authenticated login (not on OPEN routes)
//   std::optional<sa::CurrentUser> user         on OPEN routes: the user if credentials were sent
// Header<...>, Cookie<...>, File<...> and Kwargs have their own headers.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "simpleauth/params/cast.hpp"
#include "simpleauth/params/detail/fixed_string.hpp"
#include "simpleauth/params/detail/literal.hpp"

namespace simpleauth {

namespace detail {
struct ParamTag {};

// where a named argument is read; the path is decided by the route's placeholders
enum class ParamSource { request, header, cookie };

// The common shape of named arguments (Param, Header, Cookie, File): a name, a type, a default.
template <FixedString Name, class T, Literal Default, ParamSource Source>
struct NamedArg : ParamTag {
    static constexpr std::string_view name = Name.view();
    static constexpr Literal default_value = Default;
    static constexpr ParamSource source = Source;
    using value_type = T;

    T value;

    const T& operator*() const& noexcept { return value; }
    T&& operator*() && noexcept { return std::move(value); }
    const T* operator->() const noexcept { return &value; }
    const T& get() const noexcept { return value; }
};
}  // namespace detail

template <detail::FixedString Name, class T, detail::Literal Default = detail::Literal{}>
struct Param : detail::NamedArg<Name, T, Default, detail::ParamSource::request> {};

class CurrentUser {
public:
    explicit CurrentUser(std::string login) : login_(std::move(login)) {}
    const std::string& login() const noexcept { return login_; }
    operator std::string_view() const noexcept { return login_; }  // NOLINT(google-explicit-constructor)

private:
    std::string login_;
};

}  // namespace simpleauth
