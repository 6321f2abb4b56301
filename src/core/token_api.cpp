// App::check_token: what a request's token scheme does, for programs that hold a token outside a
// request (the simpleauth command-line tool, other services sharing the secret); App::token_revoked.

#include <optional>
#include <string>
#include <utility>

#include "auth/tokens.hpp"
#include "core/app_state.hpp"
#include "simpleauth/app.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth {

void App::token_revoked(std::function<bool(const TokenClaims&)> hook) {
    state_->token_revoked = std::move(hook);
}

std::optional<std::pair<std::string, long long>> App::check_token(std::string_view token,
                                                                  std::optional<std::string> realm) {
    check();
    const detail::Settings& s = state_->settings;
    if (s.token_type.empty()) {
        throw ConfigError("check_token needs FSA_TOKEN_TYPE");
    }
    try {
        // same realm rule as create_token: raw when given, else the configured token realm
        std::string checked_realm = realm.value_or(s.token_realm);
        detail::TokenInfo info = detail::check_token(s, token, checked_realm, detail::now_seconds());
        if (detail::token_revoked(*state_, info, checked_realm)) {
            return std::nullopt;
        }
        return std::pair<std::string, long long>{std::move(info.user), static_cast<long long>(info.expiry)};
    } catch (const ErrorResponse&) {  // invalid or expired: the 401 a request would get
        return std::nullopt;
    }
}

}  // namespace simpleauth
