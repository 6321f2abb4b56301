// "token" (and "oauth", the same check whose routes take scopes for authorizations): an fsa token or a
// JWT, from the configured carrier, checked against the route's realm and the configured issuer.
// Failures never echo the token.

#include "auth/scheme.hpp"
#include "auth/tokens.hpp"
#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/cors.hpp"
#include "core/pipeline.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {

class TokenScheme final : public Scheme {
public:
    explicit TokenScheme(std::string name) : name_(std::move(name)) {}
    std::string_view name() const noexcept override { return name_; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        const Settings& s = app.settings;
        bool from_cookie = false;
        auto token = find_token(ctx, s, &from_cookie);
        if (!token) {
            throw ErrorResponse("missing token", 401);
        }
        try {
            std::string realm = token_realm(ctx, s);
            std::int64_t now = now_seconds();
            std::optional<TokenInfo> cached = app.cache->token(*token, realm);
            if (cached && now - s.fsa.grace > cached->expiry && s.token_type == "fsa") {
                throw ErrorResponse("expired token", 401);  // the expiry is checked again on every hit
            }
            if (cached && s.token_type == "jwt" && cached->expiry <= now - s.jwt.leeway) {
                throw ErrorResponse("expired token", 401);
            }
            TokenInfo info = cached ? std::move(*cached) : check_token(s, *token, realm, now);
            if (!cached) {
                app.cache->remember_token(*token, realm, info);
            }
            if (token_revoked(app, info, realm)) {
                throw ErrorResponse("revoked token", 401);
            }
            if (from_cookie && cross_site_request(ctx.request(), app.cors.get())) {
                // the browser's cookie does not count for another site's page; no invalid_token: it is valid
                throw ErrorResponse("cross-site request refused", 403);
            }
            std::string user = info.user;
            Pipeline::set_token_result(ctx, std::move(info), from_cookie, s.token_carrier == "param");
            return user;
        } catch (const ErrorResponse& e) {
            if (e.status() == 403) {
                throw;
            }
            Pipeline::set_bearer_error(ctx, "invalid_token");
            throw;
        }
    }

    std::optional<std::string> challenge(const Context& ctx, const AppState& app) const override {
        if (app.settings.token_carrier != "bearer") {
            return std::nullopt;  // RFC 6750 challenges are for the Authorization header only
        }
        std::string value = app.settings.token_name + " realm=" + quoted(token_realm(ctx, app.settings));
        std::string_view error = Pipeline::bearer_error(ctx);
        if (!error.empty()) {
            value += ", error=" + quoted(error);
        }
        return value;
    }

private:
    std::string name_;
};

}  // namespace

std::unique_ptr<Scheme> make_token_scheme(std::string name) {
    return std::make_unique<TokenScheme>(std::move(name));
}

}  // namespace simpleauth::detail
