// "param": login and password from request parameters (FSA_PARAM_USER, FSA_PARAM_PASS), from the query
// string, a form or a JSON body.

#include "auth/password_check.hpp"
#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {

std::string single_value(Context& ctx, const std::string& name, const char* what) {
    auto values = ctx.request_values(name);
    if (values.empty() || values.front()->text.empty()) {
        throw ErrorResponse(std::string("missing param ") + what + " parameter: " + name, 401);
    }
    bool is_string =
        values.front()->kind == RawValue::Kind::text || values.front()->kind == RawValue::Kind::json_string;
    if (values.size() > 1 || !is_string) {
        throw ErrorResponse(std::string("bad param ") + what + " parameter: " + name, 401);
    }
    return values.front()->text;
}

class ParamScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "param"; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        std::string login = single_value(ctx, app.settings.param_user, "login");
        std::string password = single_value(ctx, app.settings.param_pass, "password");
        if (!check_request_password(app, ctx, login, password)) {
            throw ErrorResponse("invalid user or password", 401);
        }
        return login;
    }
};

}  // namespace

std::unique_ptr<Scheme> make_param_scheme() {
    return std::make_unique<ParamScheme>();
}

}  // namespace simpleauth::detail
