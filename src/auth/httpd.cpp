// "httpd": the user authenticated by a reverse proxy in front of the server (upstream: the WSGI
// REMOTE_USER), passed in a header (FSA_HTTPD_HEADER) that is believed only when the connection comes
// from a trusted proxy address (FSA_HTTPD_PROXIES): anybody else could send that header.

#include "auth/credentials.hpp"
#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {

class HttpdScheme final : public Scheme {
public:
    std::string_view name() const noexcept override { return "httpd"; }

    std::optional<std::string> authenticate(Context& ctx, AppState& app) override {
        const auto& proxies = app.settings.httpd_proxies;
        if (std::find(proxies.begin(), proxies.end(), ctx.request().remote_addr) == proxies.end()) {
            return std::nullopt;
        }
        const http::Headers& headers = ctx.request().headers;
        if (headers.count(app.settings.httpd_header) != 1) {
            return std::nullopt;
        }
        const std::string& user = *headers.find(app.settings.httpd_header);
        if (user.empty() || !valid_utf8(user) ||
            std::any_of(user.begin(), user.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
            throw ErrorResponse("invalid user from the proxy", 401);
        }
        return user;
    }
};

}  // namespace

std::unique_ptr<Scheme> make_httpd_scheme() {
    return std::make_unique<HttpdScheme>();
}

}  // namespace simpleauth::detail
