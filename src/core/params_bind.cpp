// The non-template half of parameter binding (simpleauth/params/detail/bind.hpp).

#include <algorithm>
#include <cstdio>

#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/log.hpp"
#include "core/pipeline.hpp"
#include "simpleauth/params/detail/bind.hpp"

namespace simpleauth::detail {

std::string describe_value(const RawValue& value) {
    constexpr std::size_t max_shown = 40;
    std::string out;
    std::size_t shown = 0;
    for (char c : value.text) {
        if (shown++ == max_shown) {
            out += "...";
            break;
        }
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F) {  // echo printable ASCII only: error bodies stay valid UTF-8
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

void check_request_parameters(Context& ctx, std::vector<std::string>& errors) {
    const auto& values = ctx.request_parameters();
    auto& body_errors = Pipeline::body_errors(ctx);
    errors.insert(errors.begin(), body_errors.begin(), body_errors.end());
    const RouteSpec& route = ctx.route();
    const Settings& settings = ctx.app().state().settings;
    const auto& auth_params = ctx.app().state().auth_param_names;
    std::vector<std::string_view> reported;
    for (const auto& [name, value] : values) {
        if (std::find(reported.begin(), reported.end(), name) != reported.end() ||
            std::find(auth_params.begin(), auth_params.end(), name) != auth_params.end()) {
            continue;
        }
        auto declared = std::find_if(route.params.begin(), route.params.end(), [&](const ParamSpec& p) {
            return p.name == name && p.source != ParamSpec::Source::special;
        });
        if (declared != route.params.end() && declared->source == ParamSpec::Source::path) {
            errors.push_back("parameter \"" + name + "\" both from path and request");
            reported.push_back(name);
        } else if (declared == route.params.end() && settings.reject_unexpected_param) {
            errors.push_back("unexpected parameter \"" + describe_value(RawValue{RawValue::Kind::text, name}) + "\"");
            reported.push_back(name);
        }
    }
}

void check_object_perms(Context& ctx, std::span<const NamedValue> values) {
    AppState& state = ctx.app().state();
    const RouteSpec& route = ctx.route();
    std::string_view login = *ctx.user(true);
    for (const ObjectPermSpec& perm : route.authz.perms) {
        const ObjectPermHook& hook = state.object_perms.find(perm.domain)->second;
        std::vector<NamedValue> ids;
        ids.reserve(perm.variables.size());
        for (const auto& var : perm.variables) {
            auto it = std::find_if(values.begin(), values.end(), [&](const NamedValue& v) { return v.name == var; });
            ids.push_back(*it);  // check() made sure every variable is a parameter of the right type
        }
        std::optional<bool> allowed;
        try {
            std::optional<std::string> key;
            if (auto texts = hook.key(ids)) {
                key = AuthCache::id_key(*texts);
            }
            allowed = state.cache->object_perm(
                perm.domain, login, key, perm.mode, [&] { return hook.call(login, ids, perm.mode); });
        } catch (const ErrorResponse&) {
            throw;
        } catch (const std::exception& e) {
            log(LogLevel::error,
                "object permission check " + perm.domain + " failed on " + route.path + ": " + e.what());
            throw ErrorResponse("internal error in permission check", state.settings.server_error);
        }
        if (!allowed) {
            throw ErrorResponse("object not found", state.settings.not_found_error);
        }
        if (!*allowed) {
            std::string vars;
            for (const auto& v : perm.variables) {
                vars += (vars.empty() ? "" : ":") + v;
            }
            throw ErrorResponse(
                "permission denied on " + perm.domain + ":" + vars + (perm.mode.empty() ? "" : " (" + perm.mode + ")"),
                403);
        }
    }
}

void throw_bad_parameters(std::vector<std::string>& errors) {
    std::string body;
    for (const auto& e : errors) {
        body += (body.empty() ? "" : "\n") + e;
    }
    throw ErrorResponse(std::move(body), 400);
}

void throw_bad_path_value(const std::string& /*name*/) {
    throw ErrorResponse("not found", 404);
}

http::Response to_response(Reply&& reply) {
    http::Response r;
    r.status = reply.status;
    r.body = std::move(reply.body);
    r.headers = std::move(reply.headers);
    if (!r.headers.contains("Content-Type")) {
        r.headers.add("Content-Type", std::move(reply.content_type));
    }
    return r;
}

// no Content-Type here: the pipeline gives FSA_DEFAULT_CONTENT_TYPE or text/plain
http::Response to_response(std::string&& body) {
    http::Response r;
    r.body = std::move(body);
    return r;
}

http::Response to_response(http::Response&& response) {
    return std::move(response);
}

http::Response empty_response() {
    return http::Response::text(200, "");
}

}  // namespace simpleauth::detail
