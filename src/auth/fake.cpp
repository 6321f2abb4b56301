// "fake": the login is a request parameter (FSA_FAKE_LOGIN), no password: for local tests only. The
// loopback check is a run-time check that no build option removes (upstream's is an assert).

#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "core/log.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

bool is_loopback(std::string_view address) noexcept {
    return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

namespace {

class FakeScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "fake"; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        if (!is_loopback(ctx.request().remote_addr)) {
            log(LogLevel::warning, "fake authentication refused to non-local client " + ctx.request().remote_addr);
            return std::nullopt;
        }
        auto values = ctx.request_values(app.settings.fake_login);
        if (values.empty() || values.front()->text.empty()) {
            throw ErrorResponse("missing fake login parameter: " + app.settings.fake_login, 401);
        }
        return values.front()->text;
    }
};

}  // namespace

std::unique_ptr<Scheme> make_fake_scheme() {
    return std::make_unique<FakeScheme>();
}

}  // namespace simpleauth::detail
