#pragma once
// The request pipeline (DESIGN.md §1): route -> authenticate -> groups -> parameters -> object
// permissions -> handler, every failure rendered as configured.

#include <optional>
#include <string>
#include <string_view>

#include "auth/tokens.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"
#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"

namespace simpleauth::detail {

struct AppState;
struct Settings;

class Pipeline {
public:
    static http::Response handle(App& app, AppState& state, http::Request& request);
    // Whether the request should be served off the engine's I/O threads: its route is declared
    // sa::blocking, or it carries a password for one of its route's schemes (src/core/blocking.cpp)
    static bool blocks(const AppState& state, const http::Request& request);
    // the answer when the server's worker pool is full: 503 + Retry-After, rendered as configured
    static http::Response busy(App& app, AppState& state, http::Request& request);
    static std::optional<std::string_view> authenticate(Context& ctx, bool required);
    static http::Response render_error(const Settings& settings, const ErrorResponse& error);  // built-in formats
    static http::Response render_error(const AppState& state, const ErrorResponse& error);     // or the app's renderer

    static std::string_view bearer_error(const Context& ctx) { return ctx.bearer_error_; }
    static void set_bearer_error(Context& ctx, std::string error) { ctx.bearer_error_ = std::move(error); }
    static std::vector<std::string>& body_errors(Context& ctx) { return ctx.body_errors_; }
    static void set_token_result(Context& ctx, TokenInfo info, bool from_cookie, bool from_param) {
        ctx.scopes_ = std::move(info.scopes);
        ctx.token_expiry_ = info.expiry;
        ctx.token_from_cookie_ = from_cookie;
        ctx.token_from_param_ = from_param;
        ctx.token_session_start_ = info.auth_time ? info.auth_time : info.issued_at;
    }
    static void set_digest_stale(Context& ctx) { ctx.digest_stale_ = true; }
    static void set_claimed_login(Context& ctx, std::string_view login) { ctx.claimed_login_ = login; }
    static std::string_view claimed_login(const Context& ctx) { return ctx.claimed_login_; }
    static bool digest_stale(const Context& ctx) { return ctx.digest_stale_; }

private:
    static http::Response before_routing(App& app, AppState& state, Context& ctx);
    static void after_routing(AppState& state, Context& ctx, http::Response& response);
    static void redirect_401(const Settings& settings, const http::Request& request, http::Response& response);
    static http::Response run(App& app, AppState& state, Context& ctx);
    static void add_challenges(const AppState& state, const Context& ctx, http::Response& response);
    static void renew_cookie(const AppState& state, const Context& ctx, http::Response& response);
    static void check_groups(AppState& state, Context& ctx, std::string_view user);
};

}  // namespace simpleauth::detail
