// "basic": HTTP Basic authentication (RFC 7617), the password checked against get_user_pass's hash.

#include "auth/credentials.hpp"
#include "auth/password_check.hpp"
#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {
class BasicScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "basic"; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        const std::string* header = ctx.request().headers.find("Authorization");
        if (header == nullptr) {
            throw ErrorResponse("missing authorization header", 401);
        }
        auto parts = split_authorization(*header);
        if (!parts || !http::iequals(parts->scheme, "Basic")) {
            throw ErrorResponse("unexpected Authorization header", 401);
        }
        auto credentials = decode_basic(parts->value);
        if (!credentials) {
            throw ErrorResponse("decoding error on authorization header", 401);
        }
        if (!check_request_password(app, ctx, credentials->login, credentials->password)) {
            // the same answer for an unknown user and a wrong password
            throw ErrorResponse("invalid user or password", 401);
        }
        return std::move(credentials->login);
    }

    std::optional<std::string> challenge(const Context& ctx, const AppState& app) const override {
        return "Basic realm=" + quoted(route_realm(ctx, app)) + ", charset=\"UTF-8\"";
    }
};
}  // namespace

std::unique_ptr<Scheme> make_basic_scheme() {
    return std::make_unique<BasicScheme>();
}

}  // namespace simpleauth::detail
