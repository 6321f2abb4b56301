#include "simpleauth/app.hpp"

#include <algorithm>
#include <chrono>

#include "auth/digest_protocol.hpp"
#include "auth/password_check.hpp"
#include "auth/tokens.hpp"
#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/cors.hpp"
#include "core/docs_page.hpp"
#include "core/log.hpp"
#include "core/pipeline.hpp"
#include "core/throttle.hpp"
#include "passwords/passwords.hpp"
#include "tokens/jwt.hpp"

namespace simpleauth::detail {
// parses the JWT keys once at start-up (src/core/token_keys.cpp)
void load_token_keys(Settings& settings, const std::string& signing_key);
// the FSA_CACHE store around the hooks (src/core/caching.cpp)
std::unique_ptr<AuthCache> make_auth_cache(const Settings& settings);
std::unique_ptr<Throttle> make_throttle(const Settings& settings);
AppState::AppState() = default;
AppState::~AppState() = default;
}  // namespace simpleauth::detail

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
    if (state_->is_checked) {
        throw ConfigError("route " + route_name(spec) + " declared after the application was checked (served)");
    }
    for (const RouteSpec& r : state_->routes) {
        if (r.method == spec.method && r.path == spec.path) {
            throw ConfigError("route declared twice: " + route_name(spec));
        }
    }
    // object permission without variables: upstream uses the handler's first parameter
    for (auto& perm : spec.authz.perms) {
        if (perm.variables.empty()) {
            auto first = std::find_if(spec.params.begin(), spec.params.end(), [](const ParamSpec& p) {
                return p.source == ParamSpec::Source::path || p.source == ParamSpec::Source::request;
            });
            if (first == spec.params.end()) {
                throw ConfigError(route_name(spec) + ": object permissions require a path or request parameter");
            }
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
void App::authentication(std::string name, std::function<std::optional<std::string>(Context&)> hook) {
    if (detail::make_builtin_scheme(name) || name == "password") {
        throw ConfigError("cannot register a custom authentication scheme named like a built-in one: " + name);
    }
    state_->custom_schemes[std::move(name)] = std::move(hook);
}
void App::add_group(std::string group) {
    state_->declared_groups.push_back(std::move(group));
}
void App::add_scope(std::string scope) {
    state_->declared_scopes.push_back(std::move(scope));
}
void App::password_check(std::function<bool(std::string_view, std::string_view)> hook) {
    state_->password_check = std::move(hook);
}
void App::password_quality(std::function<bool(std::string_view)> hook) {
    state_->password_quality = std::move(hook);
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
    // upstream: a route declared with authn = "oauth" (alone) takes OAuth scopes for authorizations
    bool oauth = !route.authn.empty() && contains(authn, "oauth");
    if (oauth && authn.size() != 1) {
        problems.push_back(route_name(route) + ": oauth authentication cannot be mixed with other schemes");
    }
    std::vector<std::string> groups = s.authz_groups;
    groups.insert(groups.end(), state.declared_groups.begin(), state.declared_groups.end());
    std::vector<std::string> scopes = s.authz_scopes;
    scopes.insert(scopes.end(), state.declared_scopes.begin(), state.declared_scopes.end());
    for (const auto& group : route.authz.groups) {
        if (oauth) {
            if (!scopes.empty() && !contains(scopes, group)) {
                problems.push_back(route_name(route) + ": unexpected scope " + group);
            }
            continue;
        }
        if (!groups.empty() && !contains(groups, group)) {
            problems.push_back(route_name(route) + ": unexpected group " + group + " (not declared)");
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
    resolved.scopes = oauth;
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
        std::vector<std::string> custom;
        for (const auto& [name, hook] : state.custom_schemes) {
            custom.push_back(name);
        }
        state.settings = detail::resolve_settings(state.config, state.name, custom);
        detail::Settings& s = state.settings;
        detail::set_log_level(s.logging_level);
        std::vector<std::string> problems;
        state.schemes.clear();
        for (const auto& name : s.auth) {
            auto custom_hook = state.custom_schemes.find(name);
            auto scheme = custom_hook != state.custom_schemes.end()
                              ? detail::make_custom_scheme(name, custom_hook->second)
                              : detail::make_builtin_scheme(name);
            state.schemes.emplace(name, std::move(scheme));
        }
        bool passwords_used = s.uses("basic") || s.uses("http-basic") || s.uses("param");
        if (passwords_used && !state.get_user_pass && !state.password_check) {
            problems.emplace_back("password authentication needs a get_user_pass hook (app.get_user_pass)");
        }
        if ((s.uses("digest") || s.uses("http-digest")) && !state.get_user_pass) {
            problems.emplace_back("digest authentication needs a get_user_pass hook returning the password");
        }
        try {
            password_context();
            for (const auto& legacy : state.passwords->legacy_schemes()) {
                detail::log(detail::LogLevel::warning,
                            "password scheme " + legacy + " stores no real hash: use it only to migrate");
            }
        } catch (const ConfigError& e) {
            problems.emplace_back(e.what());
        }
        if (s.token_type == "jwt") {
            try {
                detail::load_token_keys(s, state.config.get_string("FSA_TOKEN_SIGN", ""));
            } catch (const std::exception& e) {
                problems.push_back(std::string("FSA_TOKEN_SECRET / FSA_TOKEN_SIGN: ") + e.what());
            }
        }
        state.auth_param_names.clear();
        if (s.uses("param")) {
            state.auth_param_names.push_back(s.param_user);
            state.auth_param_names.push_back(s.param_pass);
        }
        if (s.uses("fake")) {
            state.auth_param_names.push_back(s.fake_login);
        }
        if (s.token_carrier == "param" && (s.uses("token") || s.uses("oauth") || s.uses("http-token"))) {
            state.auth_param_names.push_back(s.token_name);
        }
        state.resolved.clear();
        for (const RouteSpec& route : state.routes) {
            check_route(state, route, problems);
            if (state.path_check) {
                if (auto error = state.path_check(route.method, route.path); error && !error->empty()) {
                    problems.push_back("bad path on " + route_name(route) + ": " + *error);
                }
            }
        }
        if (!problems.empty()) {
            std::string message;
            for (const auto& p : problems) {
                message += (message.empty() ? "" : "\n") + p;
            }
            throw ConfigError(message);
        }
        if (s.uses("digest") || s.uses("http-digest")) {
            state.digest_nonces = std::make_unique<detail::DigestNonces>();
        }
        state.cache = detail::make_auth_cache(s);
        state.throttle = detail::make_throttle(s);
        if (s.cors) {
            try {
                state.cors = std::make_unique<detail::CorsPolicy>(detail::parse_cors_options(s.cors_options));
            } catch (const std::invalid_argument& e) {
                throw ConfigError(std::string("FSA_CORS_OPTS: ") + e.what());
            }
        }
        state.docs = detail::DocsPage::make(s, state.name, audit_table(), state.router);
        // unknown users are checked against this hash, so that they cost what known ones do
        state.dummy_hash = state.passwords->dummy_hash();
        state.is_checked = true;
    });
}

http::Response App::handle(http::Request& request) {
    check();
    return detail::Pipeline::handle(*this, *state_, request);
}

std::string App::create_token(std::string_view user, const TokenOptions& options) {
    check();
    const detail::Settings& s = state_->settings;
    if (s.token_type.empty()) {
        throw ConfigError("create_token needs FSA_TOKEN_TYPE");
    }
    if (!s.can_create_tokens) {
        throw ConfigError("create_token needs FSA_TOKEN_SIGN, the private key of " + s.jwt.algorithm);
    }
    double delay = options.delay.value_or(s.token_delay);
    if (delay <= 0) {
        delay = s.token_delay;  // upstream: 0 also means the default
    }
    auto issuer = options.issuer ? options.issuer : s.token_issuer;
    return detail::make_token(
        s, user, options.realm.value_or(s.token_realm), delay, issuer, options.scope, detail::now_seconds());
}

// Passwords can be hashed before the application is complete (a database seeded at start-up):
// the password context depends on the password directives only.
detail::PasswordContext& App::password_context() {
    std::lock_guard lock(state_->passwords_mutex);
    if (!state_->passwords) {
        const Config& c = state_->config;
        auto schemes =
            c.contains("FSA_PASSWORD_SCHEME") ? c.get_list("FSA_PASSWORD_SCHEME") : std::vector<std::string>{"bcrypt"};
        ConfigTable options = c.get_table("FSA_PASSWORD_OPTS");
        try {
            state_->passwords = std::make_unique<detail::PasswordContext>(
                schemes, detail::PasswordOptions(options.begin(), options.end()));
        } catch (const std::invalid_argument& e) {
            throw ConfigError(std::string("FSA_PASSWORD_SCHEME / FSA_PASSWORD_OPTS: ") + e.what());
        }
    }
    return *state_->passwords;
}

std::string App::hash_password(std::string_view password, bool check_quality) {
    const Config& c = state_->config;
    if (check_quality) {
        long long length = c.get_int("FSA_PASSWORD_LENGTH", 0);
        std::string error = detail::password_quality_error(
            password, static_cast<std::size_t>(std::max(0LL, length)), c.get_list("FSA_PASSWORD_RE"));
        if (!error.empty()) {
            throw ErrorResponse(error, 400);
        }
        if (state_->password_quality) {
            bool good = false;
            try {
                good = state_->password_quality(password);
            } catch (const ErrorResponse&) {
                throw;
            } catch (const std::exception& e) {
                throw ErrorResponse(std::string("password quality too low: ") + e.what(), 400);
            }
            if (!good) {
                throw ErrorResponse("password quality too low", 400);
            }
        }
    }
    try {
        return password_context().hash(password);
    } catch (const std::invalid_argument& e) {
        throw ErrorResponse(std::string("password refused: ") + e.what(), 400);
    }
}

bool App::check_password(std::string_view password, std::string_view hash) {
    return password_context().verify(password, hash);
}

bool App::check_user_password(std::string_view login, std::string_view password) {
    check();
    return detail::check_user_password(*state_, login, password);
}

}  // namespace simpleauth
