// The non-template half of parameter binding (simpleauth/params/detail/bind.hpp).

#include <algorithm>
#include <cstdio>

#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/log.hpp"
#include "core/pipeline.hpp"
#include "simpleauth/http/headers.hpp"
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

std::string safe_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto u = static_cast<unsigned char>(text[i]);
        // the length of a well-formed UTF-8 sequence starting here (RFC 3629), 0 when ill-formed
        std::size_t n = 0;
        if (u >= 0x20 && u < 0x7F) {
            n = 1;
        } else if (u >= 0xC2 && u <= 0xF4) {
            n = u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
            if (i + n > text.size()) {
                n = 0;
            } else {
                auto b1 = static_cast<unsigned char>(text[i + 1]);
                bool ok = (b1 & 0xC0) == 0x80 && !(u == 0xE0 && b1 < 0xA0) && !(u == 0xED && b1 > 0x9F) &&
                          !(u == 0xF0 && b1 < 0x90) && !(u == 0xF4 && b1 > 0x8F);
                for (std::size_t k = 2; k < n && ok; ++k) {
                    ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
                }
                n = ok ? n : 0;
            }
        }
        if (n == 0) {  // control characters and stray bytes, escaped: one line, valid UTF-8
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::vector<RawValue> header_values(Context& ctx, std::string_view name) {
    std::vector<RawValue> out;
    for (const auto& field : ctx.request().headers) {
        if (http::iequals(field.name, name)) {
            out.push_back(RawValue{RawValue::Kind::text, field.value, {}, {}});
        }
    }
    return out;
}

std::vector<RawValue> cookie_values(Context& ctx, std::string_view name) {
    std::vector<RawValue> out;
    for (const auto& [n, v] : ctx.cookies()) {
        if (n == name) {
            out.push_back(RawValue{RawValue::Kind::text, v, {}, {}});
        }
    }
    return out;
}

namespace {

bool is_auth_param(Context& ctx, std::string_view name) {
    const auto& auth_params = ctx.app().state().auth_param_names;
    return std::find(auth_params.begin(), auth_params.end(), name) != auth_params.end();
}

// a parameter of the query string or the body that the route declares
const ParamSpec* declared_param(const RouteSpec& route, std::string_view name) {
    auto it = std::find_if(route.params.begin(), route.params.end(), [&](const ParamSpec& p) {
        return p.name == name && (p.source == ParamSpec::Source::request || p.source == ParamSpec::Source::path);
    });
    return it == route.params.end() ? nullptr : &*it;
}

bool takes_kwargs(const RouteSpec& route) {
    return std::any_of(route.params.begin(), route.params.end(), [](const ParamSpec& p) {
        return p.source == ParamSpec::Source::special && p.type_index == typeid(Kwargs);
    });
}

}  // namespace

Kwargs collect_kwargs(Context& ctx) {
    std::vector<Kwargs::Item> items;
    for (const auto& [name, value] : ctx.request_parameters()) {
        if (declared_param(ctx.route(), name) == nullptr && !is_auth_param(ctx, name)) {
            items.emplace_back(name, value);
        }
    }
    return Kwargs(std::move(items));
}

void check_request_parameters(Context& ctx, std::vector<std::string>& errors) {
    const auto& values = ctx.request_parameters();
    auto& body_errors = Pipeline::body_errors(ctx);
    errors.insert(errors.begin(), body_errors.begin(), body_errors.end());
    const RouteSpec& route = ctx.route();
    const Settings& settings = ctx.app().state().settings;
    const bool reject_unexpected = settings.reject_unexpected_param && !takes_kwargs(route);
    std::vector<std::string_view> reported;
    for (const auto& [name, value] : values) {
        if (std::find(reported.begin(), reported.end(), name) != reported.end() || is_auth_param(ctx, name)) {
            continue;
        }
        const ParamSpec* declared = declared_param(route, name);
        if (declared != nullptr && declared->source == ParamSpec::Source::path) {
            errors.push_back("parameter \"" + name + "\" both from path and request");
            reported.push_back(name);
        } else if (declared == nullptr && reject_unexpected) {
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
            if (it == values.end()) {  // e.g. a header named as the first argument: not an identifier
                log(LogLevel::error, "object permission variable " + var + " is not a parameter on " + route.path);
                throw ErrorResponse("internal error in permission check", state.settings.server_error);
            }
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
        // reasons may come from users' casts and constructors: one line each, valid UTF-8
        body += (body.empty() ? "" : "\n") + safe_text(e);
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
