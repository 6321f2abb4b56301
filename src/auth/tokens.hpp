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
namespace detail {

struct AppState;
struct Settings;

struct TokenInfo {
    std::string user;
    std::int64_t expiry = 0;          // epoch seconds
    std::vector<std::string> scopes;  // JWT "scope" claim, split on spaces
};

std::int64_t now_seconds();

// the token of the request from the configured carrier (bearer, header, cookie, param), nullopt when absent;
// throws a 400 for a carrier used twice (two values of the token parameter)
std::optional<std::string> find_token(Context& ctx, const Settings& settings, bool* from_cookie = nullptr);

// throws ErrorResponse 401 ("invalid token", "expired token"); never echoes the token
TokenInfo check_token(const Settings& settings, std::string_view token, std::string_view realm, std::int64_t now);

// realm: raw (the route's or a create_token override) or the configured token realm; issuer appended for fsa
std::string make_token(const Settings& settings,
                       std::string_view user,
                       std::string_view realm,
                       double delay_minutes,
                       const std::optional<std::string>& issuer,
                       const std::vector<std::string>& scopes,
                       std::int64_t now);

// the token realm of the request: the route's realm (raw) or the configured one
std::string token_realm(const Context& ctx, const Settings& settings);

}  // namespace detail
}  // namespace simpleauth
