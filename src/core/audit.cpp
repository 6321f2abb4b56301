// The audit view: every route with its methods, authorization, authentication and parameters.

#include <algorithm>

#include "core/app_state.hpp"
#include "core/docs_page.hpp"
#include "simpleauth/app.hpp"

namespace simpleauth {

namespace {

std::string authz_text(const AuthzSpec& a) {
    switch (a.kind) {
        case AuthzSpec::Kind::open:
            return "OPEN";
        case AuthzSpec::Kind::close:
            return "CLOSE";
        default:
            break;
    }
    std::string out;
    for (const auto& g : a.groups) {
        out += (out.empty() ? "" : " & ") + g;
    }
    for (const auto& p : a.perms) {
        std::string vars;
        for (const auto& v : p.variables) {
            vars += (vars.empty() ? "" : ":") + v;
        }
        out += (out.empty() ? "" : " & ") + std::string("(") + p.domain + ", " + vars +
               (p.mode.empty() ? "" : ", " + p.mode) + ")";
    }
    return out.empty() ? "AUTH" : out;
}

std::string params_text(const RouteSpec& r) {
    std::string out;
    for (const auto& p : r.params) {
        if (p.source == ParamSpec::Source::special) {
            continue;
        }
        out += (out.empty() ? "" : ", ") + p.name + ": " + p.type;
        if (!p.default_text.empty()) {
            out += " = \"" + p.default_text + "\"";
        } else if (!p.required) {
            out += "?";
        }
    }
    return out;
}

}  // namespace

std::string App::audit_table() const {
    const auto& routes = state_->routes;
    // the paths the framework answers itself, before routing: OPEN, authenticated by nobody
    std::vector<std::pair<std::string, std::string>> builtin;  // path, directive
    if (!state_->settings.openapi_path.empty()) {
        builtin.emplace_back(state_->settings.openapi_path, "FSA_OPENAPI_PATH");
    }
    for (const auto& path : detail::docs_paths(state_->settings)) {
        builtin.emplace_back(path, "FSA_DOCS_PATH");
    }
    std::size_t path_width = 4;
    for (const auto& r : routes) {
        path_width = std::max(path_width, r.path.size());
    }
    for (const auto& b : builtin) {
        path_width = std::max(path_width, b.first.size());
    }
    auto pad = [](std::string s, std::size_t n) {
        s.resize(std::max(s.size(), n), ' ');
        return s;
    };
    std::string out = pad("METHOD", 7) + " " + pad("PATH", path_width) + "  AUTHZ | AUTHN | PARAMETERS\n";
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const RouteSpec& r = routes[i];
        std::string authn;
        if (i < state_->resolved.size()) {
            for (const auto* s : state_->resolved[i].schemes) {
                authn += (authn.empty() ? "" : ", ") + std::string(s->name());
            }
        }
        if (r.authz.kind == AuthzSpec::Kind::close) {
            authn = "-";
        }
        out += pad(r.method, 7) + " " + pad(r.path, path_width) + "  " + authz_text(r.authz) + " | " + authn + " | " +
               params_text(r) + "\n";
    }
    for (const auto& [path, directive] : builtin) {
        out += pad("GET", 7) + " " + pad(path, path_width) + "  OPEN | - | (" + directive + ")\n";
    }
    return out;
}

}  // namespace simpleauth
