#pragma once
// Authorizations, mandatory on every route:
//   sa::OPEN                              anybody, no authentication
//   sa::AUTH                              any authenticated user
//   sa::CLOSE                             nobody (403)
//   sa::authz<"employee">                 members of a group; authz<"a", "b"> members of both
//   sa::object<"store", "sid", "manager"> the object permission hook of domain "store" says yes for the
//                                         value of parameter sid and mode "manager" (no: 403, no such object: 404)
//   a & b                                 both must hold

#include <tuple>
#include <type_traits>

#include "simpleauth/params/detail/fixed_string.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {

namespace detail {
struct AuthzTag {};  // every authorization type derives from it
}  // namespace detail

struct Open : detail::AuthzTag {
    static void describe(AuthzSpec& spec) { spec.kind = AuthzSpec::Kind::open; }
};
struct Auth : detail::AuthzTag {
    static void describe(AuthzSpec& spec) { spec.kind = AuthzSpec::Kind::auth; }
};
struct Close : detail::AuthzTag {
    static void describe(AuthzSpec& spec) { spec.kind = AuthzSpec::Kind::close; }
};

inline constexpr Open OPEN{};
inline constexpr Auth AUTH{};
inline constexpr Close CLOSE{};

template <detail::FixedString... Names>
struct Groups : detail::AuthzTag {
    static_assert(sizeof...(Names) > 0, "simpleauth: authz<...> needs at least one group name");
    static void describe(AuthzSpec& spec) {
        spec.kind = AuthzSpec::Kind::auth;
        (spec.groups.emplace_back(Names.view()), ...);
    }
};

// Vars: one parameter name, or several joined by ':' ("i:j"); "" means the handler's first parameter.
template <detail::FixedString Domain, detail::FixedString Vars = "", detail::FixedString Mode = "">
struct ObjectPerm : detail::AuthzTag {
    static constexpr auto domain = Domain;
    static constexpr auto vars = Vars;
    static void describe(AuthzSpec& spec) {
        spec.kind = AuthzSpec::Kind::auth;
        ObjectPermSpec perm{std::string(Domain.view()), {}, std::string(Mode.view())};
        std::string_view v = Vars.view();
        while (!v.empty()) {
            auto colon = v.find(':');
            perm.variables.emplace_back(v.substr(0, colon));
            v = colon == std::string_view::npos ? std::string_view{} : v.substr(colon + 1);
        }
        spec.perms.push_back(std::move(perm));
    }
};

template <class... Parts>
struct AllOf : detail::AuthzTag {
    static void describe(AuthzSpec& spec) { (Parts::describe(spec), ...); }
};

template <detail::FixedString... Names>
inline constexpr Groups<Names...> authz{};
template <detail::FixedString Domain, detail::FixedString Vars = "", detail::FixedString Mode = "">
inline constexpr ObjectPerm<Domain, Vars, Mode> object{};

namespace detail {
template <class T>
inline constexpr bool is_authz = std::is_base_of_v<AuthzTag, std::remove_cvref_t<T>>;
template <class T>
inline constexpr bool is_open = std::is_same_v<std::remove_cvref_t<T>, Open>;
template <class T>
inline constexpr bool is_combinable =
    is_authz<T> && !std::is_same_v<std::remove_cvref_t<T>, Open> && !std::is_same_v<std::remove_cvref_t<T>, Close>;

template <class T>
struct AsParts {
    using type = std::tuple<T>;
};
template <class... P>
struct AsParts<AllOf<P...>> {
    using type = std::tuple<P...>;
};
template <class A, class B>
struct Join;
template <class... A, class... B>
struct Join<std::tuple<A...>, std::tuple<B...>> {
    using type = AllOf<A..., B...>;
};

// every ObjectPerm of an authorization, for the compile-time check of its variables
template <class T>
struct PermsOf {
    using type = std::tuple<>;
};
template <FixedString D, FixedString V, FixedString M>
struct PermsOf<ObjectPerm<D, V, M>> {
    using type = std::tuple<ObjectPerm<D, V, M>>;
};
template <class... P>
struct PermsOf<AllOf<P...>> {
    using type = decltype(std::tuple_cat(std::declval<typename PermsOf<P>::type>()...));
};
}  // namespace detail

// OPEN cannot be combined with anything (upstream: "cannot mix OPEN ..."), CLOSE needs no company.
template <class A, class B>
requires(detail::is_combinable<A>&& detail::is_combinable<B>) constexpr auto operator&(const A&, const B&) {
    return typename detail::Join<typename detail::AsParts<A>::type, typename detail::AsParts<B>::type>::type{};
}

}  // namespace simpleauth
