#pragma once
// The application: routes declare what they do and who may call them; the configuration and the hooks
// say how users are authenticated and authorizations checked; the App enforces both on every request.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include "simpleauth/authz.hpp"
#include "simpleauth/config/config.hpp"
#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"
#include "simpleauth/params/detail/bind.hpp"
#include "simpleauth/params/detail/handler_traits.hpp"
#include "simpleauth/params/detail/route_checks.hpp"
#include "simpleauth/route_options.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {

namespace detail {
struct AppState;
class Pipeline;
class PasswordContext;

// An object permission hook with its identifier types erased: (login, identifiers, mode).
struct ObjectPermHook {
    std::vector<std::type_index> id_types;
    std::vector<std::string> id_type_names;
    std::function<std::optional<bool>(std::string_view, std::span<const NamedValue>, std::string_view)> call;
};

template <class T>
std::string type_name();
}  // namespace detail

struct TokenOptions {
    std::optional<std::string> realm{};   // default: the configured token realm (FSA_REALM)
    std::optional<double> delay{};        // minutes; default FSA_TOKEN_DELAY
    std::optional<std::string> issuer{};  // default FSA_TOKEN_ISSUER
    std::vector<std::string> scope{};     // JWT "scope" claim (oauth)
};

class App {
public:
    explicit App(std::string name);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    const std::string& name() const noexcept;
    Config& config() noexcept;

    // Routes: app.get<"/path">(authorization, [options...,] handler)
    template <detail::FixedString Path, class Authz, class... Rest>
    void get(const Authz& authz, Rest&&... rest) {
        route<Path>("GET", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void post(const Authz& authz, Rest&&... rest) {
        route<Path>("POST", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void put(const Authz& authz, Rest&&... rest) {
        route<Path>("PUT", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void patch(const Authz& authz, Rest&&... rest) {
        route<Path>("PATCH", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void delete_(const Authz& authz, Rest&&... rest) {
        route<Path>("DELETE", authz, std::forward<Rest>(rest)...);
    }
    template <detail::FixedString Path, class Authz, class... Rest>
    void route(std::string method, const Authz&, Rest&&... rest);

    // Hooks (upstream FSA_GET_USER_PASS, FSA_GROUP_CHECK, FSA_USER_IN_GROUP, FSA_OBJECT_PERMS)
    // the stored password hash of a login, nullopt when there is no such user
    void get_user_pass(std::function<std::optional<std::string>(std::string_view login)> hook);
    void group_check(std::string group, std::function<bool(std::string_view login)> hook);
    void user_in_group(std::function<bool(std::string_view login, std::string_view group)> hook);
    // hook(login, id..., mode) -> std::optional<bool>: true allowed, false 403, nullopt no such object (404)
    template <class F>
    void object_perms(std::string domain, F hook);

    // a custom authentication scheme, usable in FSA_AUTH and sa::authn<...>: the login, nullopt when the
    // request is not for this scheme, or throw an ErrorResponse (upstream app.authentication)
    void authentication(std::string name, std::function<std::optional<std::string>(Context&)> hook);
    void add_group(std::string group);  // declared groups (with FSA_AUTHZ_GROUPS)
    void add_scope(std::string scope);  // declared OAuth scopes (with FSA_AUTHZ_SCOPES)
    // alternate password check, when the hash does not match or there is none (upstream password_check)
    void password_check(std::function<bool(std::string_view login, std::string_view password)> hook);
    // extra quality rule of hash_password (upstream password_quality)
    void password_quality(std::function<bool(std::string_view password)> hook);

    // Tokens and passwords
    std::string create_token(std::string_view user, const TokenOptions& options = {});
    // hashes with the first FSA_PASSWORD_SCHEME; the quality rules throw a 400 ErrorResponse
    std::string hash_password(std::string_view password, bool check_quality = true);
    bool check_password(std::string_view password, std::string_view hash);
    bool check_user_password(std::string_view login, std::string_view password);

    // Validates routes against configuration and hooks; throws ConfigError listing every problem.
    // Called by serve() and on the first request if not called before.
    void check();
    http::Response handle(http::Request& request);

    const std::vector<RouteSpec>& routes() const noexcept;
    std::string audit_table() const;  // one line per route: method, path, authorization, authentication

    detail::AppState& state() noexcept { return *state_; }  // internal
    detail::PasswordContext& password_context();             // internal

private:
    void add_route(RouteSpec spec);
    void add_object_perms(std::string domain, detail::ObjectPermHook hook);
    std::unique_ptr<detail::AppState> state_;
};

namespace detail {

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
        p.source = path_has_placeholder(path, A::name) ? ParamSpec::Source::path : ParamSpec::Source::request;
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
        p.type = is_current_user<A> || is_optional_user<A> ? "CurrentUser" : type_name<A>();
        p.type_index = typeid(A);
        spec.params.push_back(std::move(p));
        if constexpr (is_current_user<A> || is_optional_user<A>) {
            spec.wants_user = true;
        }
    }
}

template <class A>
void describe_placeholder_kind(RouteSpec& spec) {
    if constexpr (is_param<A>) {
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
        h.call = [hook = std::move(hook)](std::string_view login,
                                          std::span<const NamedValue> ids,
                                          std::string_view mode) -> std::optional<bool> {
            return hook(login, *static_cast<const std::tuple_element_t<I, IdTuple>*>(ids[I].value)..., mode);
        };
        return h;
    }
};

}  // namespace detail

template <detail::FixedString Path, class Authz, class... Rest>
void App::route(std::string method, const Authz&, Rest&&... rest) {
    static_assert(detail::is_authz<Authz>,
                  "simpleauth: route has no authorization: add sa::OPEN, sa::AUTH, sa::CLOSE, sa::authz<...> or "
                  "sa::object<...> before the handler");
    static_assert(sizeof...(Rest) >= 1, "simpleauth: route has no handler");
    auto all = std::forward_as_tuple(std::forward<Rest>(rest)...);
    using Handler = std::remove_cvref_t<std::tuple_element_t<sizeof...(Rest) - 1, std::tuple<Rest...>>>;
    static_assert(detail::Inspectable<Handler>,
                  "simpleauth: the handler must be a function or a non-generic lambda (no auto arguments)");
    using Traits = detail::traits_of<Handler>;
    using Args = detail::RouteArgs<typename Traits::args>;
    Args::template check<Path, Authz>();

    RouteSpec spec;
    spec.method = std::move(method);
    spec.path = std::string(Path.view());
    spec.segments = detail::parse_path(spec.path);
    Authz::describe(spec.authz);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
                using Option = std::remove_cvref_t<std::tuple_element_t<I, std::tuple<Rest...>>>;
                static_assert(std::is_base_of_v<detail::RouteOptionTag, Option>,
                              "simpleauth: between the authorization and the handler only route options "
                              "(sa::authn<...>, sa::realm<...>) are allowed");
                Option::describe(spec);
            }(),
            ...);
    }
    (std::make_index_sequence<sizeof...(Rest) - 1>{});
    Args::template describe<Path>(spec);
    spec.run =
        Args::template runner<Path, typename Traits::result>(Handler(std::get<sizeof...(Rest) - 1>(std::move(all))));
    add_route(std::move(spec));
}

template <class F>
void App::object_perms(std::string domain, F hook) {
    static_assert(detail::Inspectable<F>, "simpleauth: the object permission hook must be a function or lambda");
    using Traits = detail::traits_of<F>;
    add_object_perms(std::move(domain),
                     detail::ObjectPermArgs<typename Traits::args>::make(std::function(std::move(hook))));
}

}  // namespace simpleauth
