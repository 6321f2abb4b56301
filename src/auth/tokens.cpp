#include "auth/tokens.hpp"

#include <chrono>

#include "auth/credentials.hpp"
#include "core/app_state.hpp"
#include "core/settings.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<std::string> find_token(Context& ctx, const Settings& s, bool* from_cookie) {
    const http::Request& request = ctx.request();
    if (s.token_carrier == "bearer") {
        const std::string* header = request.headers.find("Authorization");
        if (header == nullptr) {
            return std::nullopt;
        }
        auto parts = split_authorization(*header);
        if (!parts || !http::iequals(parts->scheme, s.token_name)) {
            return std::nullopt;
        }
        return std::string(parts->value);
    }
    if (s.token_carrier == "header") {
        if (request.headers.count(s.token_name) > 1) {
            throw ErrorResponse("several tokens in one request", 400);  // RFC 6750: one way, once
        }
        const std::string* value = request.headers.find(s.token_name);
        return value != nullptr ? std::optional<std::string>(*value) : std::nullopt;
    }
    if (s.token_carrier == "cookie") {
        const std::string* value = ctx.cookie(s.token_name);
        if (from_cookie != nullptr) {
            *from_cookie = value != nullptr;
        }
        return value != nullptr ? std::optional<std::string>(*value) : std::nullopt;
    }
    auto values = ctx.request_values(s.token_name);  // param carrier
    if (values.empty()) {
        return std::nullopt;
    }
    if (values.size() > 1) {
        throw ErrorResponse("several tokens in one request", 400);
    }
    return values.front()->text;
}

TokenInfo check_token(const Settings& s, std::string_view token, std::string_view realm, std::int64_t now) {
    TokenInfo info;
    if (s.token_type == "jwt") {
        if (!is_b64token(token)) {
            throw ErrorResponse("invalid token", 401);
        }
        std::optional<std::string_view> issuer;
        if (s.token_issuer) {
            issuer = *s.token_issuer;
        }
        auto result = jwt_verify(s.jwt, token, realm, issuer, now);
        if (const auto* error = std::get_if<JwtError>(&result)) {
            throw ErrorResponse(*error == JwtError::expired ? "expired token" : "invalid token", 401);
        }
        auto& claims = std::get<JwtClaims>(result);
        info.user = std::move(claims.sub);
        info.expiry = claims.exp;
        info.issuer = std::move(claims.iss);
        info.issued_at = claims.iat;
        info.auth_time = claims.auth_time;
        info.id = std::move(claims.jti);
        if (claims.scope) {
            std::string_view rest = *claims.scope;
            while (!rest.empty()) {
                std::size_t space = rest.find(' ');
                if (space != 0) {
                    info.scopes.emplace_back(rest.substr(0, space));
                }
                rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
            }
        }
        return info;
    }
    std::string expected = std::string(realm);
    if (s.token_issuer) {
        expected += "/" + *s.token_issuer;
    }
    auto result = fsa_token_verify(s.fsa, token, expected, now);
    if (const auto* error = std::get_if<FsaTokenError>(&result)) {
        throw ErrorResponse(*error == FsaTokenError::expired ? "expired token" : "invalid token", 401);
    }
    auto& claims = std::get<FsaTokenClaims>(result);
    info.user = std::move(claims.user);
    info.expiry = claims.limit;
    info.issuer = s.token_issuer;
    return info;
}

bool token_revoked(const AppState& app, const TokenInfo& info, std::string_view realm) {
    if (!app.token_revoked) {
        return false;
    }
    TokenClaims claims;
    claims.user = info.user;
    claims.realm = realm;
    if (info.issuer) {
        claims.issuer = *info.issuer;
    }
    claims.expiry = info.expiry;
    if (info.issued_at) {
        claims.issued_at = *info.issued_at;
    }
    if (info.id) {
        claims.id = *info.id;
    }
    return app.token_revoked(claims);
}

std::string make_token(const Settings& s,
                       std::string_view user,
                       std::string_view realm,
                       double delay_minutes,
                       const std::optional<std::string>& issuer,
                       const std::vector<std::string>& scopes,
                       std::int64_t now) {
    std::int64_t limit = now + static_cast<std::int64_t>(delay_minutes * 60.0);
    return make_token_until(s, user, realm, limit, issuer, scopes, now);
}

std::string make_token_until(const Settings& s,
                             std::string_view user,
                             std::string_view realm,
                             std::int64_t limit,
                             const std::optional<std::string>& issuer,
                             const std::vector<std::string>& scopes,
                             std::int64_t now,
                             std::optional<std::int64_t> auth_time) {
    if (s.token_type == "jwt") {
        std::optional<std::string_view> iss;
        if (issuer) {
            iss = *issuer;
        }
        std::string scope;
        for (const auto& sc : scopes) {
            scope += (scope.empty() ? "" : " ") + sc;
        }
        std::optional<std::string_view> scope_claim;
        if (!scopes.empty()) {
            scope_claim = scope;
        }
        return jwt_create(s.jwt, user, realm, limit, iss, scope_claim, JwtTimes{now, auth_time});
    }
    if (!scopes.empty()) {
        throw std::invalid_argument("fsa tokens carry no scopes: use JWT");
    }
    std::string full = std::string(realm) + (issuer ? "/" + *issuer : std::string());
    return fsa_token_create(s.fsa, full, user, limit);
}

std::string token_realm(const Context& ctx, const Settings& s) {
    return ctx.route().realm ? *ctx.route().realm : s.token_realm;
}

}  // namespace simpleauth::detail
