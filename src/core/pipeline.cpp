#include "core/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/auth_events.hpp"
#include "core/cors.hpp"
#include "core/docs_page.hpp"
#include "core/log.hpp"
#include "core/route_memo.hpp"
#include "core/url_decode.hpp"

namespace simpleauth::detail {

namespace {
// the login a failed or throttled request claimed, when a password check saw one
std::optional<std::string_view> claimed(const Context& ctx) {
    std::string_view login = Pipeline::claimed_login(ctx);
    return login.empty() ? std::nullopt : std::optional<std::string_view>(login);
}
}  // namespace

std::string_view context_bearer_error(const Context& ctx) {
    return Pipeline::bearer_error(ctx);
}
void set_context_bearer_error(Context& ctx, std::string error) {
    Pipeline::set_bearer_error(ctx, std::move(error));
}

http::Response Pipeline::render_error(const AppState& state, const ErrorResponse& error) {
    if (state.error_renderer) {
        try {
            return state.error_renderer(error.message(), error.status(), error.headers(), error.content_type());
        } catch (const std::exception& e) {
            log(LogLevel::error, std::string("error renderer failed: ") + e.what());
            return http::Response::text(state.settings.server_error, "internal error");
        }
    }
    return render_error(state.settings, error);
}

http::Response Pipeline::render_error(const Settings& settings, const ErrorResponse& error) {
    http::Response r;
    r.status = error.status();
    using nlohmann::json;
    switch (settings.error_format) {
        case ErrorFormat::plain:
            r.body = error.message();
            r.headers.add("Content-Type", "text/plain; charset=utf-8");
            break;
        case ErrorFormat::json:
            r.body = json(error.message()).dump(-1, ' ', false, json::error_handler_t::replace);
            r.headers.add("Content-Type", "application/json");
            break;
        case ErrorFormat::json_key:
            r.body = json{{settings.error_key, error.message()}}.dump(-1, ' ', false, json::error_handler_t::replace);
            r.headers.add("Content-Type", "application/json");
            break;
    }
    for (const auto& f : error.headers()) {
        r.headers.add(f.name, f.value);
    }
    return r;
}

std::optional<std::string_view> Pipeline::authenticate(Context& ctx, bool required) {
    AppState& state = ctx.app().state();
    std::string_view failed_scheme;
    if (!ctx.auth_attempted_) {
        ctx.auth_attempted_ = true;
        for (Scheme* scheme : state.resolved[ctx.route_index_].schemes) {
            try {
                auto user = scheme->authenticate(ctx, state);
                if (user && !user->empty()) {
                    ctx.user_ = std::move(*user);
                    ctx.auth_scheme_ = std::string(scheme->name());
                    log_auth_event(AuthEvent::authn_ok, ctx, ctx.auth_scheme_, *ctx.user_, 200, "authenticated");
                    break;
                }
            } catch (const ErrorResponse& e) {
                if (e.status() == 429) {
                    log_auth_event(AuthEvent::login_throttled, ctx, scheme->name(), claimed(ctx), 429, e.message());
                }
                if (e.status() >= 500 || e.status() == 429 || e.status() == 403) {
                    // a broken hook is no authentication failure; a throttled login stops here, and so
                    // does a refused request (a cookie token on a cross-site POST): no other scheme may
                    // let it through, nor a later scheme's 401 hide why
                    throw;
                }
                ctx.auth_error_ = e;  // the last failure is the one reported
                failed_scheme = scheme->name();
            } catch (const std::exception& e) {
                // fail closed: a broken scheme is a 500, never a pass to the next scheme (which could be "none")
                log(LogLevel::error,
                    std::string("authentication scheme ") + std::string(scheme->name()) + " failed on " +
                        ctx.route().path + ": " + e.what());
                throw ErrorResponse("internal error", state.settings.server_error);
            }
        }
    }
    if (ctx.user_) {
        return std::string_view(*ctx.user_);
    }
    if (required) {
        ErrorResponse error = ctx.auth_error_ ? *ctx.auth_error_ : ErrorResponse("missing authentication", 401);
        log_auth_event(AuthEvent::authn_failed, ctx, failed_scheme, claimed(ctx), error.status(), error.message());
        throw error;
    }
    return std::nullopt;
}

void Pipeline::add_challenges(const AppState& state, const Context& ctx, http::Response& response) {
    if (ctx.route_ == nullptr) {
        return;
    }
    // one header line per challenge, in the route's order (browsers break on comma-joined challenges);
    // a challenge two schemes share (token and oauth both say Bearer) is sent once
    std::vector<std::string> sent;
    for (const Scheme* scheme : state.resolved[ctx.route_index_].schemes) {
        for (auto& c : scheme->all_challenges(ctx, state)) {
            if (std::find(sent.begin(), sent.end(), c) == sent.end()) {
                sent.push_back(c);
                response.headers.add("WWW-Authenticate", std::move(c));
            }
        }
    }
}

// Cookie carrier: the browser keeps its token. A user authenticated by another scheme (a login with a
// password) gets one; a cookie token is renewed when less than FSA_TOKEN_RENEWAL of its life is left,
// never past FSA_TOKEN_MAX_LIFETIME after the password login (auth_time, carried through renewals).
// Upstream also re-issues it on every response when the renewal is 0 and on errors: not here.
void Pipeline::renew_cookie(const AppState& state, const Context& ctx, http::Response& response) {
    const Settings& s = state.settings;
    if (s.token_carrier != "cookie" || !ctx.user_ || !s.can_create_tokens || response.status >= 400) {
        return;
    }
    std::int64_t now = now_seconds();
    std::int64_t limit = now + static_cast<std::int64_t>(s.token_delay * 60.0);
    std::optional<std::int64_t> start;  // of the session, when bounded: the login is now without a cookie
    if (ctx.token_from_cookie_) {
        double left = static_cast<double>(ctx.token_expiry_.value_or(0) - now);
        if (s.token_renewal <= 0 || left >= s.token_renewal * s.token_delay * 60.0) {
            return;
        }
    }
    if (s.token_max_lifetime > 0) {
        start = ctx.token_from_cookie_ ? ctx.token_session_start_ : now;
        if (!start) {
            return;  // a cookie token without iat or auth_time: its session start is unknown
        }
        limit = std::min(limit, *start + static_cast<std::int64_t>(s.token_max_lifetime * 60.0));
        if (ctx.token_from_cookie_ && limit <= ctx.token_expiry_.value_or(0)) {
            return;  // the session's end is already the cookie's: nothing to extend
        }
    }
    std::string token = make_token_until(s, *ctx.user_, token_realm(ctx, s), limit, s.token_issuer, {}, now, start);
    response.headers.add("Set-Cookie",
                         s.token_name + "=" + token + "; Path=/; Max-Age=" + std::to_string(limit - now) +
                             "; HttpOnly; Secure; SameSite=Lax");
    response.headers.set("Cache-Control", "no-store");  // a response carrying a credential is never stored
}

void Pipeline::check_groups(AppState& state, Context& ctx, std::string_view user) {
    const RouteSpec& route = *ctx.route_;
    if (state.resolved[ctx.route_index_].scopes) {  // authn = oauth: the authorizations are scopes
        for (const auto& scope : route.authz.groups) {
            if (!ctx.has_scope(scope)) {
                throw ErrorResponse("missing permission \"" + scope + "\"", 403);
            }
        }
        return;
    }
    for (const auto& group : route.authz.groups) {
        bool member = false;
        try {
            auto check = state.group_checks.find(group);
            member = check != state.group_checks.end() ? state.cache->group_check(group, user, check->second)
                                                       : state.cache->user_in_group(user, group, state.user_in_group);
        } catch (const ErrorResponse&) {
            throw;
        } catch (const std::exception& e) {
            log(LogLevel::error, "group check " + group + " failed: " + e.what());
            throw ErrorResponse("internal error while checking group " + group, state.settings.server_error);
        }
        if (!member) {
            throw ErrorResponse("not in group \"" + group + "\"", 403);
        }
    }
}

http::Response Pipeline::run(App& /*app*/, AppState& state, Context& ctx) {
    const http::Request& request = ctx.request();
    if (request.headers.count("Authorization") > 1) {
        throw ErrorResponse("several Authorization headers", 400);
    }
    auto memo = RouteMemo::take(state.router, request);  // what the server's Pipeline::blocks matched
    RouteMatch match = memo ? std::move(*memo) : state.router.match(request.method, request.path);
    switch (match.status) {
        case RouteMatch::Status::bad_path:
            throw ErrorResponse("malformed path", 400);
        case RouteMatch::Status::not_found:
            throw ErrorResponse("not found", 404);
        case RouteMatch::Status::method_not_allowed: {
            if (request.method == "OPTIONS") {
                http::Response r = http::Response::text(200, "");
                r.headers.add("Allow", match.allow);
                return r;
            }
            http::Headers headers;
            headers.add("Allow", match.allow);
            throw ErrorResponse("method not allowed", 405, std::move(headers));
        }
        case RouteMatch::Status::found:
            break;
    }
    ctx.route_ = &state.routes[match.index];
    ctx.route_index_ = match.index;
    ctx.path_values_ = std::move(match.values);
    const RouteSpec& route = *ctx.route_;
    if (route.group) {
        for (const auto& hook : state.route_groups[*route.group].before_request) {
            if (auto answer = hook(ctx)) {
                return std::move(*answer);
            }
        }
    }

    if (route.authz.kind == AuthzSpec::Kind::close) {
        throw ErrorResponse("currently closed route", 403);
    }
    if (route.authz.kind == AuthzSpec::Kind::auth) {
        check_groups(state, ctx, *authenticate(ctx, true));
    }
    return route.run(ctx);
}

// FSA_SECURE, before-request hooks and CORS preflights come before routing
http::Response Pipeline::before_routing(App& app, AppState& state, Context& ctx) {
    const Settings& settings = state.settings;
    http::Request& request = ctx.request_;
    if (settings.secure && !request.secure && !is_loopback(request.remote_addr)) {
        throw ErrorResponse("insecure HTTP request denied", settings.server_error);
    }
    for (const auto& hook : state.before_request) {
        if (auto answer = hook(request)) {
            return std::move(*answer);
        }
    }
    if (!settings.openapi_path.empty() && request.method == "GET" && request.path == settings.openapi_path) {
        return http::Response::text(200, app.openapi(), "application/json");  // OPEN, like upstream's doc views
    }
    if (state.docs) {
        if (auto page = state.docs->answer(request)) {
            return std::move(*page);
        }
    }
    if (state.cors && is_preflight(request)) {  // answered without authentication, as Flask-CORS does
        RouteMatch match = state.router.match("OPTIONS", request.path);
        if (match.status == RouteMatch::Status::not_found || match.status == RouteMatch::Status::bad_path) {
            throw ErrorResponse("not found", 404);
        }
        return cors_preflight(*state.cors, request, match.allow);
    }
    return run(app, state, ctx);
}

// 401 challenges or redirect, token cookie, after-request hooks, added headers, CORS, dev headers
void Pipeline::after_routing(AppState& state, Context& ctx, http::Response& response) {
    const Settings& settings = state.settings;
    const http::Request& request = ctx.request();
    if (!response.headers.contains("Content-Type")) {  // handlers returning a plain string
        bool typed = settings.default_content_type && !response.body.empty();
        response.headers.add("Content-Type", typed ? *settings.default_content_type : "text/plain; charset=utf-8");
    }
    if (response.status == 401) {
        if (settings.redirect_401) {
            redirect_401(settings, request, response);
        } else {
            add_challenges(state, ctx, response);
        }
    } else if (ctx.route_ != nullptr) {
        try {
            renew_cookie(state, ctx, response);
        } catch (const std::exception& e) {
            log(LogLevel::error, std::string("token cookie not renewed: ") + e.what());
        }
    }
    if (ctx.token_from_param_ && !response.headers.contains("Cache-Control")) {
        // the token is in the URL: a cache keyed on it must not keep the answer (RFC 6750 §2.3)
        response.headers.add("Cache-Control", "no-store");
    }
    try {
        if (ctx.route_ != nullptr && ctx.route_->group) {
            for (const auto& hook : state.route_groups[*ctx.route_->group].after_request) {
                hook(request, response);
            }
        }
        for (const auto& hook : state.after_request) {
            hook(request, response);
        }
        for (const auto& [name, value] : settings.add_headers) {
            response.headers.add(name, value);
        }
        for (const auto& [name, value] : state.added_headers) {
            if (auto v = value(response)) {
                response.headers.add(name, std::move(*v));
            }
        }
    } catch (const std::exception& e) {
        log(LogLevel::error, std::string("after-request hook failed: ") + e.what());
        response = render_error(state, ErrorResponse("internal error", settings.server_error));
    }
    if (state.cors && !is_preflight(request)) {  // a preflight's answer is cors_preflight's alone
        cors_decorate(*state.cors, request, response);
    }
    if (settings.dev()) {
        auto delay = std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.start_).count();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6f", delay);
        response.headers.add("FSA-Request", request.method + " " + request.path);
        std::string scheme = ctx.auth_attempted_ ? (ctx.auth_scheme_.empty() ? "none" : ctx.auth_scheme_) : "None";
        response.headers.add("FSA-User", (ctx.user_ ? *ctx.user_ : std::string("None")) + " (" + scheme + ")");
        response.headers.add("FSA-Delay", buf);
    }
    if (settings.logging_level <= 10) {  // debug: one line per request, never a query string or a credential
        log(LogLevel::debug, request.method + " " + request.path + " -> " + std::to_string(response.status));
    }
}

// upstream FSA_401_REDIRECT: a 307 to a login page, with the URL to come back to for GET requests
void Pipeline::redirect_401(const Settings& settings, const http::Request& request, http::Response& response) {
    std::string location = *settings.redirect_401;
    if (request.method == "GET" && !settings.url_name.empty()) {
        const std::string* host = request.headers.find("Host");
        std::string back = std::string(request.secure ? "https://" : "http://") + (host ? *host : "") + request.path +
                           (request.query.empty() ? "" : "?" + request.query);
        location +=
            (location.find('?') == std::string::npos ? "?" : "&") + settings.url_name + "=" + percent_encode(back);
    }
    http::Response r = http::Response::text(307, "");
    r.headers.add("Location", location);
    response = std::move(r);
}

http::Response Pipeline::handle(App& app, AppState& state, http::Request& request) {
    Context ctx(app, request);
    http::Response response;
    const Settings& settings = state.settings;
    if (settings.dev()) {  // FSA-Delay; a clock read other modes do not pay for
        ctx.start_ = std::chrono::steady_clock::now();
    }
    // what upstream answers when user code fails and FSA_KEEP_USER_ERRORS lets the framework's error out
    const std::string internal = settings.keep_user_errors
                                     ? "The server encountered an internal error and was unable to complete your "
                                       "request. Either the server is overloaded or there is an error in the "
                                       "application."
                                     : "internal error";
    try {
        response = before_routing(app, state, ctx);
    } catch (const ErrorResponse& e) {
        if (e.status() == 403 && ctx.route_ != nullptr) {  // a group, scope or object permission, a closed route
            log_auth_event(AuthEvent::authz_denied, ctx, ctx.auth_scheme_, ctx.user_, 403, e.message());
        }
        // FSA_HANDLE_ALL_ERRORS = false: the framework's own 404 and 405 are not rendered by the app
        bool framework = ctx.route_ == nullptr && (e.status() == 404 || e.status() == 405);
        response = framework && !settings.handle_all_errors ? render_error(Settings{}, e) : render_error(state, e);
    } catch (const std::exception& e) {
        log(LogLevel::error,
            "internal error on " +
                (ctx.route_ ? ctx.route_->method + " " + ctx.route_->path : std::string("unrouted request")) + ": " +
                e.what());
        response = render_error(state, ErrorResponse(internal, settings.server_error));
    } catch (...) {
        log(LogLevel::error, "internal error: non-standard exception");
        response = render_error(state, ErrorResponse(internal, settings.server_error));
    }
    after_routing(state, ctx, response);
    return response;
}

}  // namespace simpleauth::detail
