#include <string>

#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"

namespace simpleauth::detail {

std::unique_ptr<Scheme> make_none_scheme();
std::unique_ptr<Scheme> make_basic_scheme();
std::unique_ptr<Scheme> make_token_scheme(std::string name);
std::unique_ptr<Scheme> make_param_scheme();
std::unique_ptr<Scheme> make_fake_scheme();
std::unique_ptr<Scheme> make_httpd_scheme();
std::unique_ptr<Scheme> make_digest_scheme(std::string name);

std::unique_ptr<Scheme> make_builtin_scheme(std::string_view name) {
    if (name == "none") {
        return make_none_scheme();
    }
    if (name == "basic" || name == "http-basic") {  // upstream's http-basic was Flask-HTTPAuth's basic
        return make_basic_scheme();
    }
    if (name == "token" || name == "oauth" || name == "http-token") {
        return make_token_scheme(std::string(name));
    }
    if (name == "param") {
        return make_param_scheme();
    }
    if (name == "fake") {
        return make_fake_scheme();
    }
    if (name == "httpd") {
        return make_httpd_scheme();
    }
    if (name == "digest" || name == "http-digest") {
        return make_digest_scheme(std::string(name));
    }
    return nullptr;
}

std::string route_realm(const Context& ctx, const AppState& app) {
    return ctx.route().realm ? *ctx.route().realm : app.settings.realm;
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace simpleauth::detail
