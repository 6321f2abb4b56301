#include "simpleauth/app.hpp"

#include <algorithm>
#include <chrono>

#include "core/app_state.hpp"
#include "core/pipeline.hpp"
#include "passwords/bcrypt.hpp"
#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"
#include "tokens/jwt.hpp"

namespace simpleauth {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string route_name(const RouteSpec& r) {
    return r.method + " " + r.path;
}

}  // namespace

App::App(std::string name) : state_(std::make_unique<detail::AppState>()) {
    state_->name = std::move(name);
}
App::~App() = default;

const std::string& App::name() const noexcept {
    return state_->name;
}
Config& App::config() noexcept {
    return state_->config;
}
const std::vector<RouteSpec>& App::routes() const noexcept {
    return state_->routes;
}

void App::add_route(RouteSpec spec) {
    for (const RouteSpec& r : state_->routes) {
        if (r.method == spec.method && r.path == spec.path) {
            throw ConfigError("route declared twice: " + route_name(spec));
        }
    }
    // object permission without variables: upstream uses the handler's first parameter
    for (auto& perm : spec.authz.perms) {
        if (perm.variables.empty()) {
            auto first = std::find_if(spec.params.begin(), spec.params.end(), [](const ParamSpec& p) {
                return p.source != ParamSpec::Source::special;
            });
            perm.variables.push_back(first->name);
        }
    }
    state_->routes.push_back(std::move(spec));
    state_->router.add(state_->routes.back(), state_->routes.size() - 1);
}

void App::get_user_pass(std::function<std::optional<std::string>(std::string_view)> hook) {
    state_->get_user_pass = std::move(hook);
}
void App::group_check(std::string group, std::function<bool(std::string_view)> hook) {
    state_->group_checks[std::move(group)] = std::move(hook);
}
void App::user_in_group(std::function<bool(std::string_view, std::string_view)> hook) {
    state_->user_in_group = std::move(hook);
}
void App::add_object_perms(std::string domain, detail::ObjectPermHook hook) {
    state_->object_perms[std::move(domain)] = std::move(hook);
}

namespace {

// the schemes a route tries, and the problems of its declaration against the configuration
std::vector<std::string> effective_authn(const RouteSpec& route,
                                         const detail::Settings& s,
                                         std::vector<std::string>& problems) {
    std::vector<std::string> list;
    if (!route.authn.empty()) {
        list = detail::expand_auth(route.authn, false);
        for (const auto& scheme : list) {
            if (!contains(s.auth, scheme)) {
                problems.push_back(route_name(route) + ": auth is not enabled: " + scheme);
            }
        }
    } else {
        list = s.auth_default ? *s.auth_default : s.auth;
    }
    return list;
}

void check_route(detail::AppState& state, const RouteSpec& route, std::vector<std::string>& problems) {
    const detail::Settings& s = state.settings;
    std::vector<std::string> authn = effective_authn(route, s, problems);
    bool has_none = contains(authn, "none");
    if (route.authz.kind == AuthzSpec::Kind::open && !has_none) {
        // upstream silently turns such a route into AUTH; we refuse to start instead
        problems.push_back(route_name(route) + ": OPEN route, but \"none\" is not among its authentication schemes");
    }
    if (route.authz.kind == AuthzSpec::Kind::auth &&
        std::all_of(authn.begin(), authn.end(), [](const auto& a) { return a == "none"; })) {
        problems.push_back(route_name(route) + ": authenticated route, but no authentication scheme can succeed");
    }
    for (const auto& group : route.authz.groups) {
        if (!s.authz_groups.empty() && !contains(s.authz_groups, group)) {
            problems.push_back(route_name(route) + ": unexpected group " + group + " (not in FSA_AUTHZ_GROUPS)");
        }
        if (!state.group_checks.contains(group) && !state.user_in_group) {
            problems.push_back(route_name(route) + ": cannot check group " + group +
                               " (register app.group_check or app.user_in_group)");
        }
    }
    for (const auto& perm : route.authz.perms) {
        auto hook = state.object_perms.find(perm.domain);
        if (hook == state.object_perms.end()) {
            problems.push_back(route_name(route) + ": missing object permission checker for domain " + perm.domain);
            continue;
        }
        if (hook->second.id_types.size() != perm.variables.size()) {
            problems.push_back(route_name(route) + ": object permission checker of " + perm.domain + " takes " +
                               std::to_string(hook->second.id_types.size()) + " identifier(s), the route gives " +
                               std::to_string(perm.variables.size()));
            continue;
        }
        for (std::size_t i = 0; i < perm.variables.size(); ++i) {
            auto p = std::find_if(route.params.begin(), route.params.end(), [&](const ParamSpec& ps) {
                return ps.name == perm.variables[i];
            });
            if (p != route.params.end() && p->type_index != hook->second.id_types[i]) {
                problems.push_back(route_name(route) + ": parameter " + p->name + " is " + p->type +
                                   " but the object permission checker of " + perm.domain + " takes " +
                                   hook->second.id_type_names[i]);
            }
        }
    }
    detail::ResolvedRoute resolved;
    for (const auto& name : authn) {
        auto it = state.schemes.find(name);
        if (it != state.schemes.end()) {
            resolved.schemes.push_back(it->second.get());
        }
    }
    state.resolved.push_back(std::move(resolved));
}

}  // namespace

void App::check() {
    std::call_once(state_->checked, [this] {
        detail::AppState& state = *state_;
        state.settings = detail::resolve_settings(state.config, state.name);
        std::vector<std::string> problems;
        state.schemes.clear();
        for (const auto& name : state.settings.auth) {
            auto scheme = detail::make_builtin_scheme(name);
            if (!scheme) {
                problems.push_back("unexpected authentication scheme: " + name);
                continue;
            }
            state.schemes.emplace(name, std::move(scheme));
        }
        if (contains(state.settings.auth, "basic") && !state.get_user_pass) {
            problems.emplace_back("basic authentication needs a get_user_pass hook (app.get_user_pass)");
        }
        state.resolved.clear();
        for (const RouteSpec& route : state.routes) {
            check_route(state, route, problems);
        }
        if (!problems.empty()) {
            std::string message;
            for (const auto& p : problems) {
                message += (message.empty() ? "" : "\n") + p;
            }
            throw ConfigError(message);
        }
        // unknown users are checked against this hash, so that they cost what known ones do
        state.dummy_hash =
            detail::bcrypt_hash(detail::base64url_encode(detail::random_bytes(12)), state.settings.bcrypt_rounds);
    });
}

http::Response App::handle(http::Request& request) {
    check();
    return detail::Pipeline::handle(*this, *state_, request);
}

std::string App::create_token(std::string_view user, const TokenOptions& options) {
    check();
    const detail::Settings& s = state_->settings;
    if (s.token_type != "jwt") {
        throw ConfigError("create_token needs FSA_TOKEN_TYPE = \"jwt\"");
    }
    double delay = options.delay.value_or(s.token_delay);
    auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::optional<std::string_view> issuer;
    if (options.issuer) {
        issuer = *options.issuer;
    } else if (s.token_issuer) {
        issuer = *s.token_issuer;
    }
    return detail::jwt_create(
        s.jwt, user, options.realm.value_or(s.realm), now + static_cast<std::int64_t>(delay * 60.0), issuer);
}

std::string App::hash_password(std::string_view password) {
    try {
        return detail::bcrypt_hash(password, state_->settings.bcrypt_rounds);
    } catch (const std::invalid_argument& e) {
        throw ErrorResponse(std::string("password refused: ") + e.what(), 400);
    }
}

bool App::check_password(std::string_view password, std::string_view hash) {
    return detail::bcrypt_verify(password, hash);
}

}  // namespace simpleauth
