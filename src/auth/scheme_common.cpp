#include <string>

#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "simpleauth/context.hpp"

namespace simpleauth::detail {

std::unique_ptr<Scheme> make_none_scheme();
std::unique_ptr<Scheme> make_basic_scheme();
std::unique_ptr<Scheme> make_token_scheme();

std::unique_ptr<Scheme> make_builtin_scheme(std::string_view name) {
    if (name == "none") {
        return make_none_scheme();
    }
    if (name == "basic") {
        return make_basic_scheme();
    }
    if (name == "token") {
        return make_token_scheme();
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
