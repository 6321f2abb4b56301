#pragma once
// Everything an App holds; shared by the pipeline, the schemes and the checks.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/scheme.hpp"
#include "core/router.hpp"
#include "core/settings.hpp"
#include "simpleauth/app.hpp"

namespace simpleauth::detail {

class PasswordContext;
class DigestNonces;
struct CorsPolicy;
class DocsPage;
class AuthCache;
class Throttle;

// The hooks of a route group (blueprint).
struct GroupState {
    std::string prefix;
    std::vector<std::function<std::optional<http::Response>(Context&)>> before_request;
    std::vector<std::function<void(const http::Request&, http::Response&)>> after_request;
};

// What check() resolves for each route.
struct ResolvedRoute {
    std::vector<Scheme*> schemes;  // tried in order
    bool scopes = false;           // authn = oauth: the route's "groups" are OAuth scopes
};

struct AppState {
    AppState();
    ~AppState();

    std::string name;
    Config config;
    std::vector<RouteSpec> routes;
    std::vector<ResolvedRoute> resolved;  // parallel to routes
    Router router;

    // hooks
    std::function<std::optional<std::string>(std::string_view)> get_user_pass;
    std::map<std::string, std::function<bool(std::string_view)>, std::less<>> group_checks;
    std::function<bool(std::string_view, std::string_view)> user_in_group;
    std::map<std::string, ObjectPermHook, std::less<>> object_perms;
    std::map<std::string, std::function<std::optional<std::string>(Context&)>, std::less<>> custom_schemes;
    std::function<bool(std::string_view, std::string_view)> password_check;  // alternate checker
    std::function<bool(std::string_view)> password_quality;
    std::function<bool(const TokenClaims&)> token_revoked;  // empty: no revocation (upstream)
    std::vector<GroupState> route_groups;
    std::vector<std::function<std::optional<http::Response>(http::Request&)>> before_request;
    std::vector<std::function<std::optional<http::Response>(Context&)>> before_exec;
    std::vector<std::function<void(const http::Request&, http::Response&)>> after_request;
    std::vector<std::pair<std::string, std::function<std::optional<std::string>(const http::Response&)>>> added_headers;
    std::function<http::Response(const std::string&, int, const http::Headers&, const std::string&)> error_renderer;
    std::function<std::optional<std::string>(std::string_view, std::string_view)> path_check;
    std::vector<std::string> declared_groups;  // add_group, in addition to FSA_AUTHZ_GROUPS
    std::vector<std::string> declared_scopes;  // add_scope, in addition to FSA_AUTHZ_SCOPES

    // resolved by check()
    std::once_flag checked;
    bool is_checked = false;
    Settings settings;
    std::map<std::string, std::unique_ptr<Scheme>, std::less<>> schemes;
    std::unique_ptr<PasswordContext> passwords;  // built on first use (App::password_context)
    std::mutex passwords_mutex;
    std::unique_ptr<DigestNonces> digest_nonces;
    std::unique_ptr<CorsPolicy> cors;           // FSA_CORS
    std::unique_ptr<DocsPage> docs;             // FSA_DOCS_PATH
    std::unique_ptr<AuthCache> cache;           // FSA_CACHE around the hooks
    std::unique_ptr<Throttle> throttle;         // FSA_THROTTLE: nullptr when off
    std::string dummy_hash;                     // verified for unknown users, so that they cost what known ones do
    std::vector<std::string> auth_param_names;  // USER, PASS, LOGIN, token parameter: never "unexpected"
};

}  // namespace simpleauth::detail
