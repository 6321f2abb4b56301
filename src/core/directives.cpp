#include "core/directives.hpp"

#include <array>
#include <string>

#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {
using K = DirectiveKind;

constexpr std::array directives{
    // modes, logging, general behaviour
    Directive{"FSA_MODE", K::string, true, ""},
    Directive{"FSA_LOGGING_LEVEL", K::integer, true, ""},
    Directive{"FSA_ALLOW_DEPRECATION", K::boolean, true, ""},
    Directive{"FSA_SECURE", K::boolean, true, ""},
    Directive{"FSA_SERVER_ERROR", K::integer, true, ""},
    Directive{"FSA_NOT_FOUND_ERROR", K::integer, true, ""},
    Directive{"FSA_LOCAL", K::string, true, ""},
    Directive{"FSA_HANDLE_ALL_ERRORS", K::boolean, true, ""},
    Directive{"FSA_KEEP_USER_ERRORS", K::boolean, true, ""},
    // hooks
    Directive{"FSA_ERROR_RESPONSE", K::string, true, ""},
    Directive{"FSA_GET_USER_PASS", K::hook, false, "app.get_user_pass(...)"},
    Directive{"FSA_AUTHENTICATION", K::hook, false, "app.authentication(name, ...)"},
    Directive{"FSA_GROUP_CHECK", K::hook, false, "app.group_check(group, ...)"},
    Directive{"FSA_USER_IN_GROUP", K::hook, false, "app.user_in_group(...)"},
    Directive{"FSA_OBJECT_PERMS", K::hook, false, "app.object_perms(domain, ...)"},
    Directive{"FSA_CAST", K::hook, false, "a specialization of simpleauth::cast<T>"},
    Directive{"FSA_SPECIAL_PARAMETER", K::hook, false, "app.special_parameter<T>(...)"},
    Directive{"FSA_BEFORE_REQUEST", K::hook, false, "app.before_request(...)"},
    Directive{"FSA_BEFORE_EXEC", K::hook, false, "app.before_exec(...)"},
    Directive{"FSA_AFTER_REQUEST", K::hook, false, "app.after_request(...)"},
    Directive{"FSA_ADD_HEADERS", K::table, true, ""},
    Directive{"FSA_PATH_CHECK", K::hook, false, "app.path_check(...)"},
    Directive{"FSA_PASSWORD_QUALITY", K::hook, false, "app.password_quality(...)"},
    Directive{"FSA_PASSWORD_CHECK", K::hook, false, "app.password_check(...)"},
    Directive{"FSA_JSON_CONVERTER", K::hook, false, "a to_json overload"},
    // authentication
    Directive{"FSA_AUTH", K::string_or_list, true, ""},
    Directive{"FSA_AUTH_DEFAULT", K::string_or_list, true, ""},
    Directive{"FSA_REALM", K::string, true, ""},
    Directive{"FSA_FAKE_LOGIN", K::string, true, ""},
    Directive{"FSA_PARAM_USER", K::string, true, ""},
    Directive{"FSA_PARAM_PASS", K::string, true, ""},
    Directive{"FSA_HTTP_AUTH_OPTS", K::table, true, ""},
    // SimpleAuth additions: the httpd scheme trusts this header only from these proxy addresses
    Directive{"FSA_HTTPD_HEADER", K::string, true, ""},
    Directive{"FSA_HTTPD_PROXIES", K::list, true, ""},
    // tokens
    Directive{"FSA_TOKEN_TYPE", K::string, true, ""},
    Directive{"FSA_TOKEN_ALGO", K::string, true, ""},
    Directive{"FSA_TOKEN_CARRIER", K::string, true, ""},
    Directive{"FSA_TOKEN_NAME", K::string, true, ""},
    Directive{"FSA_TOKEN_DELAY", K::number, true, ""},
    Directive{"FSA_TOKEN_GRACE", K::number, true, ""},
    Directive{"FSA_TOKEN_LENGTH", K::integer, true, ""},
    Directive{"FSA_TOKEN_SECRET", K::string, true, ""},
    Directive{"FSA_TOKEN_SIGN", K::string, true, ""},
    // SimpleAuth additions: JWT key rotation, the current key's id and the other keys by id
    Directive{"FSA_TOKEN_KID", K::string, true, ""},
    Directive{"FSA_TOKEN_KEYS", K::table, true, ""},
    Directive{"FSA_TOKEN_RENEWAL", K::number, true, ""},
    // SimpleAuth addition: the absolute lifetime of a renewed cookie session (JWT only)
    Directive{"FSA_TOKEN_MAX_LIFETIME", K::number, true, ""},
    Directive{"FSA_TOKEN_ISSUER", K::string, true, ""},
    // passwords
    Directive{"FSA_PASSWORD_SCHEME", K::string_or_list, true, ""},
    Directive{"FSA_PASSWORD_OPTS", K::table, true, ""},
    Directive{"FSA_PASSWORD_LENGTH", K::integer, true, ""},
    Directive{"FSA_PASSWORD_RE", K::list, true, ""},
    // SimpleAuth additions: successful password checks remembered in process (off by default, as upstream)
    Directive{"FSA_PASSWORD_CACHE_TTL", K::integer, true, ""},
    Directive{"FSA_PASSWORD_CACHE_SIZE", K::integer, true, ""},
    // authorization
    Directive{"FSA_AUTHZ_GROUPS", K::list, true, ""},
    Directive{"FSA_AUTHZ_SCOPES", K::list, true, ""},
    // parameters and responses
    Directive{"FSA_REJECT_UNEXPECTED_PARAM", K::boolean, true, ""},
    Directive{"FSA_DEFAULT_CONTENT_TYPE", K::string, true, ""},
    Directive{"FSA_JSON_STREAMING", K::boolean, false, ""},
    Directive{"FSA_JSON_ALLSTR", K::boolean, false, ""},
    // caching
    Directive{"FSA_CACHE", K::string, true, ""},
    Directive{"FSA_CACHE_SIZE", K::integer, true, ""},
    Directive{"FSA_CACHE_OPTS", K::table, true, ""},
    Directive{"FSA_CACHE_PREFIX", K::string, true, ""},
    Directive{"FSA_CACHED_OPTS", K::table, false, ""},
    // SimpleAuth addition: failed password logins throttled per account and per client address
    Directive{"FSA_THROTTLE", K::boolean, true, ""},
    Directive{"FSA_THROTTLE_OPTS", K::table, true, ""},
    // web
    Directive{"FSA_401_REDIRECT", K::string, true, ""},
    Directive{"FSA_URL_NAME", K::string, true, ""},
    Directive{"FSA_CORS", K::boolean, true, ""},
    Directive{"FSA_CORS_OPTS", K::table, true, ""},
    // SimpleAuth addition: where the OpenAPI document is served ("" off; default off in prod)
    Directive{"FSA_OPENAPI_PATH", K::string, true, ""},
    // SimpleAuth additions: the Swagger UI page of that document, and where its assets come from
    Directive{"FSA_DOCS_PATH", K::string, true, ""},
    Directive{"FSA_DOCS_ASSETS", K::string, true, ""},
    Directive{"FSA_DOCS_CDN", K::string, true, ""},
};

const char* kind_text(K kind) {
    switch (kind) {
        case K::string:
            return "a string";
        case K::boolean:
            return "a boolean";
        case K::integer:
            return "an integer";
        case K::number:
            return "a number";
        case K::string_or_list:
            return "a string or a list of strings";
        case K::list:
            return "a list of strings";
        default:
            return "a table";
    }
}
}  // namespace

const Directive* find_directive(std::string_view name) noexcept {
    for (const auto& d : directives) {
        if (d.name == name) {
            return &d;
        }
    }
    return nullptr;
}

ConfigValue check_directive_value(const Directive& d, ConfigValue value) {
    const std::string name(d.name);
    if (d.kind == K::hook) {
        throw ConfigError(name + " is a hook: register it in code with " + std::string(d.hint));
    }
    if (!d.supported) {
        throw ConfigError(name + " is an upstream directive that SimpleAuth does not support yet");
    }
    bool ok = false;
    switch (d.kind) {
        case K::string:
            ok = std::holds_alternative<std::string>(value);
            break;
        case K::boolean:
            ok = std::holds_alternative<bool>(value);
            break;
        case K::integer:
            ok = std::holds_alternative<long long>(value);
            break;
        case K::number:
            if (const auto* i = std::get_if<long long>(&value)) {
                value = static_cast<double>(*i);
            }
            ok = std::holds_alternative<double>(value);
            break;
        case K::string_or_list:
            ok = std::holds_alternative<std::string>(value) || std::holds_alternative<std::vector<std::string>>(value);
            break;
        case K::list:
            ok = std::holds_alternative<std::vector<std::string>>(value);
            break;
        case K::table:
            ok = std::holds_alternative<ConfigTable>(value);
            break;
        default:
            break;
    }
    if (!ok) {
        throw ConfigError(name + " must be " + kind_text(d.kind));
    }
    return value;
}

}  // namespace simpleauth::detail
