#pragma once
// How a route declaration becomes a RouteSpec: the handler's arguments described for the audit table
// and the checks, the run-time binder, and object permission hooks with their identifier types erased.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <typeindex>
#include <utility>
#include <vector>

#include "simpleauth/errors.hpp"
#include "simpleauth/params/detail/bind.hpp"
#include "simpleauth/params/detail/route_checks.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {
namespace detail {

// An object permission hook with its identifier types erased: (login, identifiers, mode).
struct ObjectPermHook {
    std::vector<std::type_index> id_types;
    std::vector<std::string> id_type_names;
    std::function<std::optional<bool>(std::string_view, std::span<const NamedValue>, std::string_view)> call;
    // the identifiers as text for the cache key; nullopt when a type has no text form (then not cached)
    std::function<std::optional<std::vector<std::string>>(std::span<const NamedValue>)> key;
};

// an identifier as cache-key text: numbers, strings and bools
template <class T>
std::optional<std::string> id_text(const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        return std::string(value ? "True" : "False");
    } else if constexpr (std::is_arithmetic_v<T>) {
        return std::to_string(value);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return std::string(std::string_view(value));
    } else {
        return std::nullopt;
    }
}

std::string demangle(const char* name);
template <class T>
std::string type_name() {
    return demangle(typeid(T).name());
}

template <class A>
void describe_argument(RouteSpec& spec, std::string_view path) {
    if constexpr (is_param<A>) {
        ParamSpec p;
        p.name = std::string(A::name);
        p.type = type_name<typename A::value_type>();
        p.type_index = typeid(typename A::value_type);
        if constexpr (is_header<A>) {
            p.source = ParamSpec::Source::header;
        } else if constexpr (is_cookie<A>) {
            p.source = ParamSpec::Source::cookie;
        } else {
            p.source = path_has_placeholder(path, A::name) ? ParamSpec::Source::path : ParamSpec::Source::request;
        }
        p.required = A::default_value.empty() && !Unoptional<typename A::value_type>::optional;
        if constexpr (!A::default_value.empty()) {
            try {
                (void)default_of<typename A::value_type>(A::default_value);
            } catch (const CastFailure& e) {
                throw ConfigError(spec.method + " " + spec.path + ": cannot cast default value of \"" + p.name +
                                  "\": " + e.what());
            }
            p.default_text = A::default_value.kind == Literal::Kind::text
                                 ? std::string(A::default_value.view())
                                 : (A::default_value.kind == Literal::Kind::integer
                                        ? std::to_string(A::default_value.integer)
                                        : (A::default_value.kind == Literal::Kind::boolean
                                               ? std::string(A::default_value.boolean ? "true" : "false")
                                               : std::to_string(A::default_value.floating)));
        }
        spec.params.push_back(std::move(p));
    } else {
        ParamSpec p;
        p.source = ParamSpec::Source::special;
        p.type = is_current_user<A> || is_optional_user<A> ? "CurrentUser" : is_kwargs<A> ? "Kwargs" : type_name<A>();
        p.type_index = typeid(A);
        spec.params.push_back(std::move(p));
        if constexpr (is_current_user<A> || is_optional_user<A>) {
            spec.wants_user = true;
        }
    }
}

template <class A>
void describe_placeholder_kind(RouteSpec& spec) {
    if constexpr (is_request_param<A>) {
        using T = typename Unoptional<typename A::value_type>::type;
        for (auto& seg : spec.segments) {
            if (seg.kind == PathSegment::Kind::string && seg.text == A::name) {
                if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
                    seg.kind = PathSegment::Kind::integer;
                } else if constexpr (std::is_floating_point_v<T>) {
                    seg.kind = PathSegment::Kind::floating;
                }
            }
        }
    }
}

std::vector<PathSegment> parse_path(std::string_view path);  // throws ConfigError on a malformed path

template <class Tuple>
struct RouteArgs;
template <class... A>
struct RouteArgs<std::tuple<A...>> {
    template <FixedString Path, class Authz>
    static constexpr void check() {
        check_route<Path, Authz, A...>();
    }
    template <FixedString Path>
    static void describe(RouteSpec& spec) {
        (describe_argument<A>(spec, Path.view()), ...);
        (describe_placeholder_kind<A>(spec), ...);
    }
    template <FixedString Path, class R, class F>
    static std::function<http::Response(Context&)> runner(F handler) {
        return [handler = std::move(handler)](Context& ctx) mutable { return run_route<Path, R, A...>(ctx, handler); };
    }
};

template <class Tuple>
struct ObjectPermArgs;
template <class Login, class... Ids>
struct ObjectPermArgs<std::tuple<Login, Ids...>> {
    template <class F>
    static ObjectPermHook make(F hook) {
        static_assert(sizeof...(Ids) >= 1, "simpleauth: an object permission hook takes (login, identifier..., mode)");
        return make_split(std::move(hook), std::make_index_sequence<sizeof...(Ids) - 1>{});
    }
    template <class F, std::size_t... I>
    static ObjectPermHook make_split(F hook, std::index_sequence<I...>) {
        using IdTuple = std::tuple<Ids...>;
        ObjectPermHook h;
        h.id_types = {std::type_index(typeid(std::tuple_element_t<I, IdTuple>))...};
        h.id_type_names = {type_name<std::tuple_element_t<I, IdTuple>>()...};
        h.key = [](std::span<const NamedValue> ids) -> std::optional<std::vector<std::string>> {
            std::vector<std::optional<std::string>> texts{
                id_text(*static_cast<const std::tuple_element_t<I, IdTuple>*>(ids[I].value))...};
            std::vector<std::string> out;
            for (auto& t : texts) {
                if (!t) {
                    return std::nullopt;
                }
                out.push_back(std::move(*t));
            }
            return out;
        };
        h.call = [hook = std::move(hook)](std::string_view login,
                                          std::span<const NamedValue> ids,
                                          std::string_view mode) -> std::optional<bool> {
            return hook(login, *static_cast<const std::tuple_element_t<I, IdTuple>*>(ids[I].value)..., mode);
        };
        return h;
    }
};

}  // namespace detail

}  // namespace simpleauth
