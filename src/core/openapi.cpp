// The OpenAPI 3.1 document of an App, derived from what the routes declare and what check() resolved:
// nothing is written twice, so the document cannot drift from the code that enforces it.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "core/app_state.hpp"
#include "simpleauth/app.hpp"
#include "simpleauth/version.hpp"

namespace simpleauth {

namespace {

using Json = nlohmann::ordered_json;  // ordered: the document reads in declaration order

bool starts_with_then_strip(std::string& text, std::string_view prefix, char close) {
    if (text.starts_with(prefix) && !text.empty() && text.back() == close) {
        text = text.substr(prefix.size(), text.size() - prefix.size() - 1);
        return true;
    }
    return false;
}

// The JSON Schema of a C++ parameter type, read from its demangled name: the type_index alone cannot see
// through std::optional or std::vector, and user types with a cast<T> are documented as strings.
Json schema_of(std::string type) {
    starts_with_then_strip(type, "std::optional<", '>');
    if (starts_with_then_strip(type, "std::vector<", '>')) {
        // "std::vector<int, std::allocator<int> >": the element type is before the allocator
        std::string element = type.substr(0, type.find(", std::allocator<"));
        return Json{{"type", "array"}, {"items", schema_of(element)}};
    }
    static const std::vector<std::string_view> int32{
        "int", "short", "signed char", "unsigned short", "unsigned char", "char"};
    static const std::vector<std::string_view> int64{
        "long", "long long", "unsigned int", "unsigned long", "unsigned long long"};
    auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), type) != list.end(); };
    if (in(int32)) {
        return Json{{"type", "integer"}, {"format", "int32"}};
    }
    if (in(int64)) {
        return Json{{"type", "integer"}, {"format", "int64"}};
    }
    if (type == "double" || type == "long double") {
        return Json{{"type", "number"}, {"format", "double"}};
    }
    if (type == "float") {
        return Json{{"type", "number"}, {"format", "float"}};
    }
    if (type == "bool") {
        return Json{{"type", "boolean"}};
    }
    if (type == "std::string") {
        return Json{{"type", "string"}};
    }
    if (type == "simpleauth::UploadedFile") {  // a part of a multipart/form-data body (OpenAPI 3.1 style)
        return Json{{"type", "string"}, {"contentMediaType", "application/octet-stream"}};
    }
    // a user type converted by cast<T>: the client sends its text form
    return Json{{"type", "string"}, {"x-cpp-type", type}};
}

// the default as a value of the schema's type, so that clients see 0 and not "0"
Json typed_default(const Json& schema, const std::string& text) {
    std::string type = schema.value("type", "string");
    if (type == "integer") {
        long long value = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc{} && ptr == text.data() + text.size()) {
            return value;
        }
    } else if (type == "number") {
        try {
            std::size_t used = 0;
            double value = std::stod(text, &used);
            if (used == text.size()) {
                return value;
            }
        } catch (const std::exception&) {  // kept as text below
        }
    } else if (type == "boolean" && (text == "true" || text == "false")) {
        return text == "true";
    }
    return text;
}

std::string authz_description(const AuthzSpec& a, bool scopes) {
    switch (a.kind) {
        case AuthzSpec::Kind::open:
            return "Authorization: OPEN (anybody).";
        case AuthzSpec::Kind::close:
            return "Authorization: CLOSE (nobody).";
        default:
            break;
    }
    std::string out;
    for (const auto& g : a.groups) {
        out += (out.empty() ? "" : ", ") + std::string(scopes ? "scope " : "group ") + g;
    }
    for (const auto& p : a.perms) {
        std::string vars;
        for (const auto& v : p.variables) {
            vars += (vars.empty() ? "" : ", ") + v;
        }
        out += (out.empty() ? "" : ", ") + std::string("permission ") + (p.mode.empty() ? "" : p.mode + " ") + "on " +
               p.domain + " (" + vars + ")";
    }
    return out.empty() ? "Authorization: AUTH (any authenticated user)." : "Authorization: " + out + ".";
}

// The security scheme objects of one configured scheme name: several for param (user and password
// are both needed, which a single requirement object with two names expresses), none for "none" or a
// scheme OpenAPI cannot describe (custom ones, listed in x-simpleauth-authn instead).
std::vector<std::pair<std::string, Json>> security_schemes(const detail::AppState& state, const std::string& name) {
    const detail::Settings& s = state.settings;
    if (state.custom_schemes.contains(name) || name == "none") {
        return {};
    }
    if (name == "basic" || name == "http-basic") {
        return {{name, Json{{"type", "http"}, {"scheme", "basic"}}}};
    }
    if (name == "digest" || name == "http-digest") {
        return {{name, Json{{"type", "http"}, {"scheme", "digest"}}}};
    }
    if (name == "param") {
        return {{"param-user", Json{{"type", "apiKey"}, {"in", "query"}, {"name", s.param_user}}},
                {"param-pass",
                 Json{{"type", "apiKey"},
                      {"in", "query"},
                      {"name", s.param_pass},
                      {"description", "the password, sent with " + s.param_user}}}};
    }
    if (name == "fake") {
        return {{name,
                 Json{{"type", "apiKey"},
                      {"in", "query"},
                      {"name", s.fake_login},
                      {"description", "testing only: the login is taken as is"}}}};
    }
    if (name == "httpd") {
        return {{name,
                 Json{{"type", "apiKey"},
                      {"in", "header"},
                      {"name", s.httpd_header},
                      {"description", "set by a trusted reverse proxy only"}}}};
    }
    if (name == "oauth") {
        // The tokens come from an external issuer whose endpoints SimpleAuth does not know: the
        // issuer is the best token URL there is; the scopes are those declared.
        Json scopes = Json::object();
        auto add = [&](const std::string& scope) { scopes[scope] = "scope " + scope; };
        std::for_each(s.authz_scopes.begin(), s.authz_scopes.end(), add);
        std::for_each(state.declared_scopes.begin(), state.declared_scopes.end(), add);
        for (std::size_t i = 0; i < state.routes.size() && i < state.resolved.size(); ++i) {
            if (state.resolved[i].scopes) {
                std::for_each(state.routes[i].authz.groups.begin(), state.routes[i].authz.groups.end(), add);
            }
        }
        std::string issuer = s.token_issuer.value_or("");
        std::string url = issuer.starts_with("https://") || issuer.starts_with("http://") ? issuer : "/token";
        return {{name,
                 Json{{"type", "oauth2"},
                      {"description", "JWT issued by " + (issuer.empty() ? std::string("the issuer") : issuer)},
                      {"flows", Json{{"clientCredentials", Json{{"tokenUrl", url}, {"scopes", scopes}}}}}}}};
    }
    if (name == "token" || name == "http-token") {
        std::string format = s.token_type == "jwt" ? "JWT" : "fsa token (realm:user:limit:signature)";
        if (s.token_carrier == "bearer" && s.token_name == "Bearer") {
            Json scheme{{"type", "http"}, {"scheme", "bearer"}};
            if (s.token_type == "jwt") {
                scheme["bearerFormat"] = "JWT";
            } else {
                scheme["description"] = format;
            }
            return {{name, scheme}};
        }
        // another carrier, or a bearer scheme under another name ("Authorization: Token ...")
        std::string in = s.token_carrier == "cookie" ? "cookie" : s.token_carrier == "param" ? "query" : "header";
        std::string key = s.token_carrier == "bearer" ? "Authorization" : s.token_name;
        std::string description = format;
        if (s.token_carrier == "bearer") {
            description += ", sent as \"Authorization: " + s.token_name + " <token>\"";
        }
        return {{name, Json{{"type", "apiKey"}, {"in", in}, {"name", key}, {"description", description}}}};
    }
    return {};
}

// "/store/<int:sid>/product" -> "/store/{sid}/product"
std::string openapi_path(const RouteSpec& route) {
    if (route.segments.empty()) {
        return "/";
    }
    std::string out;
    for (const auto& seg : route.segments) {
        out += "/";
        out += seg.kind == PathSegment::Kind::literal ? seg.text : "{" + seg.text + "}";
    }
    return out;
}

std::string operation_id(const RouteSpec& route) {
    std::string id;
    for (char c : route.method) {
        id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (char c : openapi_path(route)) {  // without converters: /files/<path:rest> gives get_files_rest
        bool word = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (word) {
            id += c;
        } else if (id.back() != '_') {
            id += '_';
        }
    }
    while (id.back() == '_') {
        id.pop_back();
    }
    return id;
}

Json path_parameter(const RouteSpec& route, const PathSegment& seg) {
    Json schema = Json{{"type", "string"}};
    auto p = std::find_if(route.params.begin(), route.params.end(), [&](const ParamSpec& ps) {
        return ps.source == ParamSpec::Source::path && ps.name == seg.text;
    });
    if (p != route.params.end()) {
        schema = schema_of(p->type);
    } else if (seg.kind == PathSegment::Kind::integer) {
        schema = Json{{"type", "integer"}, {"format", "int64"}};
    } else if (seg.kind == PathSegment::Kind::floating) {
        schema = Json{{"type", "number"}, {"format", "double"}};
    }
    Json param{{"name", seg.text}, {"in", "path"}, {"required", true}, {"schema", schema}};
    if (seg.kind == PathSegment::Kind::path) {
        param["description"] = "the rest of the path, slashes included";
    }
    return param;
}

Json operation(const detail::AppState& state, std::size_t index) {
    const RouteSpec& route = state.routes[index];
    const bool has_body = route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
    Json op{
        {"operationId", operation_id(route)},
        {"description", authz_description(route.authz, index < state.resolved.size() && state.resolved[index].scopes)}};

    Json parameters = Json::array();
    for (const auto& seg : route.segments) {
        if (seg.kind != PathSegment::Kind::literal) {
            parameters.push_back(path_parameter(route, seg));
        }
    }
    Json properties = Json::object();
    Json required = Json::array();
    bool has_request_params = false;
    bool has_files = false;
    for (const auto& p : route.params) {
        if (p.source == ParamSpec::Source::header || p.source == ParamSpec::Source::cookie) {
            has_request_params = true;
            Json schema = schema_of(p.type);
            if (!p.default_text.empty()) {
                schema["default"] = typed_default(schema, p.default_text);
            }
            const char* in = p.source == ParamSpec::Source::header ? "header" : "cookie";
            parameters.push_back(Json{{"name", p.name}, {"in", in}, {"required", p.required}, {"schema", schema}});
            continue;
        }
        if (p.source != ParamSpec::Source::request) {
            continue;
        }
        has_files = has_files || p.type.find("simpleauth::UploadedFile") != std::string::npos;
        has_request_params = true;
        Json schema = schema_of(p.type);
        if (!p.default_text.empty()) {
            schema["default"] = typed_default(schema, p.default_text);
        }
        if (has_body) {
            properties[p.name] = schema;
            if (p.required) {
                required.push_back(p.name);
            }
        } else {
            parameters.push_back(Json{{"name", p.name}, {"in", "query"}, {"required", p.required}, {"schema", schema}});
        }
    }
    if (!parameters.empty()) {
        op["parameters"] = parameters;
    }
    if (has_body && !properties.empty()) {
        Json schema{{"type", "object"}, {"properties", properties}};
        if (!required.empty()) {
            schema["required"] = required;
        }
        // files come in multipart bodies only (a JSON or urlencoded body cannot carry them)
        Json content = has_files ? Json{{"multipart/form-data", Json{{"schema", schema}}}}
                                 : Json{{"application/x-www-form-urlencoded", Json{{"schema", schema}}},
                                        {"application/json", Json{{"schema", schema}}}};
        op["requestBody"] = Json{{"required", !required.empty()}, {"content", content}};
    }

    // security: one requirement object per scheme, in the order the route tries them (alternatives)
    const detail::ResolvedRoute* resolved = index < state.resolved.size() ? &state.resolved[index] : nullptr;
    Json security = Json::array();
    Json authn = Json::array();
    if (route.authz.kind != AuthzSpec::Kind::open && route.authz.kind != AuthzSpec::Kind::close &&
        resolved != nullptr) {
        for (const auto* scheme : resolved->schemes) {
            std::string name(scheme->name());
            authn.push_back(name);
            auto schemes = security_schemes(state, name);
            if (schemes.empty()) {
                continue;
            }
            Json requirement = Json::object();
            for (const auto& [key, object] : schemes) {
                Json scopes = Json::array();
                if (object.value("type", "") == "oauth2" && resolved->scopes) {
                    for (const auto& g : route.authz.groups) {
                        scopes.push_back(g);
                    }
                }
                requirement[key] = scopes;
            }
            security.push_back(requirement);
        }
    }
    op["security"] = security;
    if (!authn.empty()) {
        op["x-simpleauth-authn"] = authn;
    }

    const bool has_path_params = std::any_of(route.segments.begin(), route.segments.end(), [](const auto& s) {
        return s.kind != PathSegment::Kind::literal;
    });
    Json responses{{"2XX", Json{{"description", "success"}}}};
    if (has_request_params || has_path_params) {
        responses["400"] = Json{{"description", "bad or missing parameter"}};
    }
    if (route.authz.kind == AuthzSpec::Kind::auth) {
        responses["401"] = Json{{"description", "authentication required or failed"}};
    }
    bool forbidden =
        route.authz.kind == AuthzSpec::Kind::close ||
        (route.authz.kind == AuthzSpec::Kind::auth && (!route.authz.groups.empty() || !route.authz.perms.empty()));
    if (forbidden) {
        responses["403"] = Json{{"description",
                                 route.authz.kind == AuthzSpec::Kind::close ? "closed route: always forbidden"
                                                                            : "authenticated user not authorized"}};
    }
    if (!route.authz.perms.empty() || has_path_params) {
        responses[std::to_string(state.settings.not_found_error)] = Json{{"description", "no such object"}};
    }
    op["responses"] = responses;
    return op;
}

}  // namespace

std::string App::openapi() {
    check();
    const detail::AppState& state = *state_;
    Json paths = Json::object();
    for (std::size_t i = 0; i < state.routes.size(); ++i) {
        const RouteSpec& route = state.routes[i];
        std::string method;
        for (char c : route.method) {
            method += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        static const std::vector<std::string_view> documented{
            "get", "put", "post", "delete", "options", "head", "patch", "trace"};
        if (std::find(documented.begin(), documented.end(), method) == documented.end()) {
            continue;  // OpenAPI has no place for other methods
        }
        paths[openapi_path(route)][method] = operation(state, i);
    }
    Json schemes = Json::object();
    for (const auto& name : state.settings.auth) {
        for (auto& [key, object] : security_schemes(state, name)) {
            schemes[key] = std::move(object);
        }
    }
    Json doc{{"openapi", "3.1.0"},
             {"info",
              Json{{"title", name()},
                   {"version", "1.0.0"},
                   {"description", "Generated by SimpleAuth " SIMPLEAUTH_VERSION_STRING " from the declared routes."}}},
             {"paths", paths}};
    if (!schemes.empty()) {
        doc["components"] = Json{{"securitySchemes", schemes}};
    }
    return doc.dump(2) + "\n";
}

}  // namespace simpleauth
