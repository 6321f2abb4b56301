// "token": a JWT carried by "Authorization: Bearer <token>" (RFC 6750), checked against the route's realm
// (audience) and the configured issuer. Failures never echo the token.

#include <chrono>

#include "auth/credentials.hpp"
#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"
#include "tokens/jwt.hpp"

namespace simpleauth::detail {

std::string_view context_bearer_error(const Context& ctx);
void set_context_bearer_error(Context& ctx, std::string error);

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class TokenScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "token"; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        const Settings& s = app.settings;
        const std::string* header = ctx.request().headers.find("Authorization");
        if (header == nullptr) {
            throw ErrorResponse("missing token", 401);
        }
        auto parts = split_authorization(*header);
        if (!parts || !http::iequals(parts->scheme, s.token_name)) {
            throw ErrorResponse("missing token", 401);
        }
        if (!is_b64token(parts->value)) {
            set_context_bearer_error(ctx, "invalid_token");
            throw ErrorResponse("invalid token", 401);
        }
        std::optional<std::string_view> issuer;
        if (s.token_issuer) {
            issuer = *s.token_issuer;
        }
        auto result = jwt_verify(s.jwt, parts->value, route_realm(ctx, app), issuer, now_seconds());
        if (const auto* error = std::get_if<JwtError>(&result)) {
            set_context_bearer_error(ctx, "invalid_token");
            throw ErrorResponse(*error == JwtError::expired ? "expired token" : "invalid token", 401);
        }
        return std::move(std::get<JwtClaims>(result).sub);
    }

    std::optional<std::string> challenge(const Context& ctx, const AppState& app) const override {
        std::string value = app.settings.token_name + " realm=" + quoted(route_realm(ctx, app));
        std::string_view error = context_bearer_error(ctx);
        if (!error.empty()) {
            value += ", error=" + quoted(error);
        }
        return value;
    }
};

}  // namespace

std::unique_ptr<Scheme> make_token_scheme() {
    return std::make_unique<TokenScheme>();
}

}  // namespace simpleauth::detail
