#pragma once
// Tokens as the schemes see them: where a request carries one, how it is checked (fsa or JWT, by
// configuration), how one is made.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simpleauth {
class Context;
namespace http {
struct Request;
}
namespace detail {

struct AppState;
struct CorsPolicy;
struct Settings;

struct TokenInfo {
    std::string user;
    std::int64_t expiry = 0;          // epoch seconds
    std::vector<std::string> scopes;  // JWT "scope" claim, split on spaces
    // what the token_revoked hook and FSA_TOKEN_MAX_LIFETIME look at: fsa tokens have none of these
    // but the issuer (the configured one, checked in the token's realm)
    std::optional<std::string> issuer;
    std::optional<std::int64_t> issued_at;  // JWT iat
    std::optional<std::int64_t> auth_time;  // JWT auth_time: the start of a cookie session
    std::optional<std::string> id;          // JWT jti
};

std::int64_t now_seconds();

// the token of the request from the configured carrier (bearer, header, cookie, param), nullopt when absent;
// throws a 400 for a carrier used twice (two values of the token parameter)
std::optional<std::string> find_token(Context& ctx, const Settings& settings, bool* from_cookie = nullptr);

// throws ErrorResponse 401 ("invalid token", "expired token"); never echoes the token
TokenInfo check_token(const Settings& settings, std::string_view token, std::string_view realm, std::int64_t now);

// the app's token_revoked hook on the checked token's claims (never the token string: every encoding
// of revoked claims is refused); false without a hook
bool token_revoked(const AppState& app, const TokenInfo& info, std::string_view realm);

// realm: raw (the route's or a create_token override) or the configured token realm; issuer appended for fsa.
// A JWT carries iat = now (for revocation hooks) after upstream's claims; fsa tokens have no room for it.
std::string make_token(const Settings& settings,
                       std::string_view user,
                       std::string_view realm,
                       double delay_minutes,
                       const std::optional<std::string>& issuer,
                       const std::vector<std::string>& scopes,
                       std::int64_t now);

// the same with the expiry (epoch seconds) rather than a delay, and auth_time for a JWT
std::string make_token_until(const Settings& settings,
                             std::string_view user,
                             std::string_view realm,
                             std::int64_t limit,
                             const std::optional<std::string>& issuer,
                             const std::vector<std::string>& scopes,
                             std::int64_t now,
                             std::optional<std::int64_t> auth_time = std::nullopt);

// CSRF defence for cookie tokens (SECURITY.md REQ-SESS-03, src/auth/token_csrf.cpp): whether an unsafe
// request (not GET, HEAD, OPTIONS) comes from another site, so that the browser's cookie must not count
bool cross_site_request(const http::Request& request, const CorsPolicy* cors);

// the token realm of the request: the route's realm (raw) or the configured one
std::string token_realm(const Context& ctx, const Settings& settings);

}  // namespace detail
}  // namespace simpleauth
