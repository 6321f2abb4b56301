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
#include "simpleauth/detail/route_registration.hpp"
#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"
#include "simpleauth/params/detail/handler_traits.hpp"
#include "simpleauth/route_options.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {

class RouteGroup;

namespace detail {
struct AppState;
class Pipeline;
class PasswordContext;

}  // namespace detail

struct TokenOptions {
    std::optional<std::string> realm{};   // default: the configured token realm (FSA_REALM)
    std::optional<double> delay{};        // minutes; default FSA_TOKEN_DELAY
    std::optional<std::string> issuer{};  // default FSA_TOKEN_ISSUER
    std::vector<std::string> scope{};     // JWT "scope" claim (oauth)
};

// What the token_revoked hook sees of a token whose signature, realm, issuer and expiry were checked:
// claims, never the token string (two encodings of the same claims are the same token to a denylist).
struct TokenClaims {
    std::string_view user;
    std::string_view realm;                  // the realm it was checked in (the route's or the token realm)
    std::optional<std::string_view> issuer;  // JWT iss; fsa: the configured FSA_TOKEN_ISSUER
    long long expiry = 0;                    // epoch seconds
    std::optional<long long> issued_at;      // JWT iat (tokens of create_token have it); fsa tokens: none
    std::optional<std::string_view> id;      // JWT jti, when the issuer wrote one
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
    void route(std::string method, const Authz& authz, Rest&&... rest) {
        route_in<Path>({}, {}, std::move(method), authz, std::forward<Rest>(rest)...);
    }
    // a route under a prefix with defaults: what route groups (blueprints) call
    template <detail::FixedString Path, class Authz, class... Rest>
    void route_in(
        std::string_view prefix, const RouteDefaults& defaults, std::string method, const Authz&, Rest&&... rest);
    // a group of routes under a prefix (upstream blueprints), with default authn and realm
    RouteGroup group(std::string prefix, RouteDefaults defaults = {});

    // Hooks around requests (upstream FSA_BEFORE_REQUEST, FSA_BEFORE_EXEC, FSA_AFTER_REQUEST)
    // before routing: a response ends the request there
    void before_request(std::function<std::optional<http::Response>(http::Request&)> hook);
    // after authentication, authorizations and parameters, before the handler: a response replaces it
    void before_exec(std::function<std::optional<http::Response>(Context&)> hook);
    // on every response, errors included
    void after_request(std::function<void(const http::Request&, http::Response&)> hook);
    // headers added to every response (FSA_ADD_HEADERS): a value, or a function of the response
    // (nullopt: not added)
    void add_header(std::string name, std::string value);
    void add_header(std::string name, std::function<std::optional<std::string>(const http::Response&)> value);
    // checks every route's method and path at check(): a message refuses the start-up (FSA_PATH_CHECK)
    void path_check(std::function<std::optional<std::string>(std::string_view method, std::string_view path)> hook);
    // renders every error (FSA_ERROR_RESPONSE as a function): message, status, headers, content type
    void error_response(
        std::function<http::Response(const std::string&, int, const http::Headers&, const std::string&)> renderer);

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
    // true when a valid token must be refused (401, error="invalid_token"): a per-user "not before",
    // a denylist of (iss, jti)... Called on every request authenticated by a token, after the
    // signature and expiry checks, cached checks included, so a revocation applies on the next request
    // (SimpleAuth addition; SECURITY.md REQ-JWT-17). A hook that throws never lets the token pass.
    void token_revoked(std::function<bool(const TokenClaims&)> hook);
    std::string create_token(std::string_view user, const TokenOptions& options = {});
    // the user and expiry (epoch seconds) of a valid token, nullopt if invalid or expired (src/core/token_api.cpp)
    std::optional<std::pair<std::string, long long>> check_token(std::string_view token,
                                                                 std::optional<std::string> realm = std::nullopt);
    // hashes with the first FSA_PASSWORD_SCHEME; the quality rules throw a 400 ErrorResponse
    std::string hash_password(std::string_view password, bool check_quality = true);
    bool check_password(std::string_view password, std::string_view hash);
    bool check_user_password(std::string_view login, std::string_view password);

    // Cache invalidation (upstream's uncache API): whether something was removed. With a shared cache
    // (redis, memcached), every process sees it.
    void clear_caches();
    bool password_uncache(std::string_view login);
    bool group_uncache(std::string_view login, std::string_view group);
    bool token_uncache(std::string_view token, std::optional<std::string_view> realm = std::nullopt);
    bool user_token_uncache(std::string_view login, std::optional<std::string_view> realm = std::nullopt);
    // identifiers as written by the hook's key (numbers in decimal, strings as they are)
    bool object_perms_uncache(std::string_view domain,
                              std::string_view login,
                              const std::vector<std::string>& ids,
                              std::string_view mode);
    bool auth_uncache(std::string_view login);  // password, groups and last token of a user

    // Validates routes against configuration and hooks; throws ConfigError listing every problem.
    // Called by serve() and on the first request if not called before.
    void check();
    http::Response handle(http::Request& request);

    const std::vector<RouteSpec>& routes() const noexcept;
    std::string audit_table() const;  // one line per route: method, path, authorization, authentication
    // the OpenAPI 3.1 document of the routes, as JSON (src/core/openapi.cpp)
    std::string openapi();

    detail::AppState& state() noexcept { return *state_; }  // internal
    detail::PasswordContext& password_context();            // internal

private:
    void add_route(RouteSpec spec);
    void add_object_perms(std::string domain, detail::ObjectPermHook hook);
    std::unique_ptr<detail::AppState> state_;
};

template <detail::FixedString Path, class Authz, class... Rest>
void App::route_in(
    std::string_view prefix, const RouteDefaults& defaults, std::string method, const Authz&, Rest&&... rest) {
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
    spec.path = std::string(prefix) + std::string(Path.view());
    spec.segments = detail::parse_path(spec.path);
    spec.group = defaults.group;
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
    if (spec.authn.empty()) {
        spec.authn = defaults.authn;
    }
    if (!spec.realm) {
        spec.realm = defaults.realm;
    }
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
