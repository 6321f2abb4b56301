#pragma once
// Per-route options, written between the authorization and the handler:
//   sa::authn<"basic">            authentication schemes for this route (each must be enabled in FSA_AUTH)
//   sa::realm<"mfa">              the realm of this route (basic realm, token realm and JWT audience)
//   sa::blocking                  the handler or a hook of this route blocks (a database): serve it on the
//                                 worker pool, never on an I/O thread (src/server/README.md)

#include "simpleauth/params/detail/fixed_string.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {

namespace detail {
struct RouteOptionTag {};
}  // namespace detail

template <detail::FixedString... Schemes>
struct Authn : detail::RouteOptionTag {
    static_assert(sizeof...(Schemes) > 0, "simpleauth: authn<...> needs at least one scheme");
    static void describe(RouteSpec& spec) { (spec.authn.emplace_back(Schemes.view()), ...); }
};

template <detail::FixedString Name>
struct Realm : detail::RouteOptionTag {
    static void describe(RouteSpec& spec) { spec.realm = std::string(Name.view()); }
};

struct Blocking : detail::RouteOptionTag {
    static void describe(RouteSpec& spec) { spec.blocking = true; }
};

template <detail::FixedString... Schemes>
inline constexpr Authn<Schemes...> authn{};
template <detail::FixedString Name>
inline constexpr Realm<Name> realm{};
inline constexpr Blocking blocking{};

}  // namespace simpleauth
