#include "core/settings.hpp"

#include <algorithm>
#include <string>

#include "simpleauth/errors.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {

// upstream's names; http-* were Flask-HTTPAuth variants, served here by the native schemes
const std::vector<std::string> builtin_schemes{
    "none", "httpd", "basic", "param", "token", "oauth", "fake", "digest", "http-basic", "http-digest", "http-token"};

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

void check_schemes(const std::vector<std::string>& schemes,
                   const std::vector<std::string>& custom,
                   const char* directive) {
    for (const auto& s : schemes) {
        if (!contains(builtin_schemes, s) && !contains(custom, s)) {
            throw ConfigError(std::string(directive) + ": unexpected authentication scheme: " + s);
        }
    }
}

std::string default_token_name(const std::string& carrier) {
    if (carrier == "bearer") {
        return "Bearer";
    }
    if (carrier == "cookie") {
        return "auth";
    }
    if (carrier == "header") {
        return "Auth";
    }
    return "AUTH";
}

bool is_http_digest(const std::string& s) {
    return s == "digest" || s == "http-digest";
}

}  // namespace

bool Settings::uses(std::string_view scheme) const {
    return contains(auth, scheme);
}

std::vector<std::string> expand_auth(const std::vector<std::string>& schemes, bool scalar) {
    std::vector<std::string> out;
    if (scalar && schemes.size() == 1) {
        const std::string& s = schemes.front();
        if (s == "token" || s == "oauth" || s == "http-token" || s == "none") {
            out = {s};
        } else {
            out = {"token", s, "none"};
        }
    } else {
        out = schemes;
    }
    // "password" is basic then param, appended at the end
    if (contains(out, "password")) {
        std::erase(out, "password");
        out.emplace_back("basic");
        out.emplace_back("param");
    }
    return out;
}

Settings resolve_settings(const Config& config, const std::string& app_name, const std::vector<std::string>& custom) {
    Settings s;
    s.mode = config.get_string("FSA_MODE", "prod");
    if (s.mode == "debug") {
        s.mode = "debug1";
    }
    if (!contains({"prod", "dev", "debug1", "debug2", "debug3", "debug4"}, s.mode)) {
        throw ConfigError("unexpected FSA_MODE value: " + s.mode);
    }

    // authentication
    const ConfigValue* auth = config.find("FSA_AUTH");
    if (auth == nullptr || config.get_list("FSA_AUTH").empty()) {
        throw ConfigError("empty authentication configuration, please provide FSA_AUTH");
    }
    s.auth = expand_auth(config.get_list("FSA_AUTH"), std::holds_alternative<std::string>(*auth));
    check_schemes(s.auth, custom, "FSA_AUTH");
    if (config.contains("FSA_AUTH_DEFAULT")) {
        auto list = expand_auth(config.get_list("FSA_AUTH_DEFAULT"), false);
        for (const auto& scheme : list) {
            if (!contains(s.auth, scheme)) {
                throw ConfigError("FSA_AUTH_DEFAULT: default auth is not enabled in FSA_AUTH: " + scheme);
            }
        }
        s.auth_default = std::move(list);
    }
    if (std::count_if(s.auth.begin(), s.auth.end(), is_http_digest) > 1) {
        throw ConfigError("FSA_AUTH: digest and http-digest are the same scheme, enable one");
    }
    s.realm = config.get_string("FSA_REALM", app_name);
    if (s.realm.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
        throw ConfigError("FSA_REALM must not contain control characters");
    }
    s.param_user = config.get_string("FSA_PARAM_USER", "USER");
    s.param_pass = config.get_string("FSA_PARAM_PASS", "PASS");
    s.fake_login = config.get_string("FSA_FAKE_LOGIN", "LOGIN");
    if (s.param_user.empty() || s.param_pass.empty() || s.fake_login.empty() || s.param_user == s.param_pass) {
        throw ConfigError("FSA_PARAM_USER, FSA_PARAM_PASS and FSA_FAKE_LOGIN must be distinct non-empty names");
    }
    s.httpd_header = config.get_string("FSA_HTTPD_HEADER", "X-Remote-User");
    if (config.contains("FSA_HTTPD_PROXIES")) {
        s.httpd_proxies = config.get_list("FSA_HTTPD_PROXIES");
    }
    ConfigTable http_opts = config.get_table("FSA_HTTP_AUTH_OPTS");
    for (const auto& [key, value] : http_opts) {
        if (key == "use_ha1_pw") {
            s.digest_ha1 = value == "true" || value == "True" || value == "1";
        } else {
            throw ConfigError("FSA_HTTP_AUTH_OPTS: unexpected option " + key + " (supported: use_ha1_pw)");
        }
    }

    // tokens
    s.token_type = config.get_string("FSA_TOKEN_TYPE", "fsa");
    bool tokens_used = s.uses("token") || s.uses("oauth") || s.uses("http-token");
    if (s.token_type != "jwt" && s.token_type != "fsa" && !s.token_type.empty()) {
        throw ConfigError("unexpected FSA_TOKEN_TYPE: " + s.token_type);
    }
    if (tokens_used && s.token_type.empty()) {
        throw ConfigError("token authentication is enabled in FSA_AUTH but FSA_TOKEN_TYPE is empty");
    }
    s.token_carrier = config.get_string("FSA_TOKEN_CARRIER", "bearer");
    if (!contains({"bearer", "param", "cookie", "header"}, s.token_carrier)) {
        throw ConfigError("unexpected FSA_TOKEN_CARRIER: " + s.token_carrier);
    }
    s.token_name = config.get_string("FSA_TOKEN_NAME", default_token_name(s.token_carrier));
    if (s.token_name.empty()) {
        throw ConfigError("token carrier " + s.token_carrier + " requires a name (FSA_TOKEN_NAME)");
    }
    s.token_issuer = config.get_optional_string("FSA_TOKEN_ISSUER");
    s.token_delay = config.get_double("FSA_TOKEN_DELAY", 60.0);
    s.token_grace = config.get_double("FSA_TOKEN_GRACE", 0.0);
    s.token_renewal = config.get_double("FSA_TOKEN_RENEWAL", 0.0);
    // !(x > 0) also refuses NaN; the bounds keep limits and time arithmetic in range (ten years, one day)
    if (!(s.token_delay > 0 && s.token_delay <= 5256000) || !(s.token_grace >= 0 && s.token_grace <= 1440) ||
        !(s.token_renewal >= 0 && s.token_renewal <= 1)) {
        throw ConfigError(
            "FSA_TOKEN_DELAY must be in (0, 5256000] minutes, FSA_TOKEN_GRACE in [0, 1440], FSA_TOKEN_RENEWAL in [0, "
            "1]");
    }
    // SimpleAuth addition (SECURITY.md REQ-SESS-05): cookie renewals stop that long after the password
    // login; only a JWT can carry that instant (auth_time), the fsa format has no room for it
    s.token_max_lifetime = config.get_double("FSA_TOKEN_MAX_LIFETIME", 0.0);
    if (!(s.token_max_lifetime >= 0 && s.token_max_lifetime <= 5256000)) {
        throw ConfigError("FSA_TOKEN_MAX_LIFETIME must be in [0, 5256000] minutes");
    }
    if (s.token_max_lifetime > 0 && s.token_type != "jwt") {
        throw ConfigError(
            "FSA_TOKEN_MAX_LIFETIME needs FSA_TOKEN_TYPE = \"jwt\": fsa tokens cannot carry the login time");
    }
    if (s.token_grace > 5 && s.mode == "prod") {
        throw ConfigError("FSA_TOKEN_GRACE above 5 minutes is refused in prod (RFC 7519: a few minutes at most)");
    }
    auto secret = config.get_optional_string("FSA_TOKEN_SECRET");
    std::string key = secret ? *secret : random_bytes(32);  // upstream: a random secret, for this process only
    if (s.token_type == "jwt") {
        s.jwt.algorithm = config.get_string("FSA_TOKEN_ALGO", "HS256");
        s.jwt.leeway = static_cast<std::int64_t>(s.token_grace * 60.0);
        if (!jwt_algorithm_supported(s.jwt.algorithm)) {
            throw ConfigError("unexpected jwt FSA_TOKEN_ALGO (" + s.jwt.algorithm + ")");
        }
        s.jwt.secret = key;
        bool hmac = s.jwt.algorithm.starts_with("HS");
        // RFC 7518 3.2: an HMAC key at least as long as the hash
        std::size_t minimum = s.jwt.algorithm == "HS512" ? 64 : s.jwt.algorithm == "HS384" ? 48 : 32;
        if (hmac && tokens_used && secret && s.jwt.secret.size() < minimum && s.mode == "prod") {
            throw ConfigError("FSA_TOKEN_SECRET is too short for " + s.jwt.algorithm + ": at least " +
                              std::to_string(minimum) + " bytes are needed (RFC 7518 3.2)");
        }
        if (!hmac && !secret) {
            throw ConfigError("FSA_TOKEN_SECRET must hold the public key of " + s.jwt.algorithm);
        }
        // SimpleAuth extension (key rotation): the id of the current key and the other accepted keys,
        // parsed and checked with the others by load_token_keys
        s.jwt.kid = config.get_optional_string("FSA_TOKEN_KID");
        for (auto& [kid, other] : config.get_table("FSA_TOKEN_KEYS")) {
            if (hmac && tokens_used && other.size() < minimum && s.mode == "prod") {
                throw ConfigError("FSA_TOKEN_KEYS key \"" + kid + "\" is too short for " + s.jwt.algorithm +
                                  ": at least " + std::to_string(minimum) + " bytes are needed (RFC 7518 3.2)");
            }
            s.jwt.other_keys.emplace(kid, std::move(other));
        }
        s.token_realm = s.realm;
    } else if (s.token_type == "fsa") {
        s.fsa.algorithm = config.get_string("FSA_TOKEN_ALGO", "blake2s");
        if (!fsa_algorithm_supported(s.fsa.algorithm)) {
            throw ConfigError("unexpected fsa FSA_TOKEN_ALGO (" + s.fsa.algorithm + ")");
        }
        if (s.mode == "prod" && (s.fsa.algorithm == "md5" || s.fsa.algorithm == "sha1")) {
            throw ConfigError("FSA_TOKEN_ALGO " + s.fsa.algorithm + " is refused in prod: use blake2s or sha256");
        }
        long long length = config.get_int("FSA_TOKEN_LENGTH", 16);
        if (length < 1 || length > 64 || (length < 16 && s.mode == "prod")) {
            throw ConfigError("FSA_TOKEN_LENGTH must be 16..64 bytes (8..64 outside prod)");
        }
        s.fsa.length = static_cast<std::size_t>(length);
        s.fsa.secret = key;
        s.fsa.grace = static_cast<std::int64_t>(s.token_grace * 60.0);
        s.token_realm = fsa_simplify_realm(s.realm);
        if (config.contains("FSA_TOKEN_SIGN")) {
            throw ConfigError("FSA_TOKEN_SIGN is for JWT public-key algorithms, not fsa tokens");
        }
        if (config.contains("FSA_TOKEN_KID") || config.contains("FSA_TOKEN_KEYS")) {
            throw ConfigError("FSA_TOKEN_KID and FSA_TOKEN_KEYS are for JWT: fsa tokens have no key id");
        }
    }
    if (s.uses("oauth")) {
        if (s.token_type != "jwt") {
            throw ConfigError("oauth token authorizations require JWT (FSA_TOKEN_TYPE = \"jwt\")");
        }
        if (!s.token_issuer) {
            throw ConfigError("oauth token authorizations require FSA_TOKEN_ISSUER");
        }
    }

    // passwords
    if (config.contains("FSA_PASSWORD_SCHEME")) {
        s.password_schemes = config.get_list("FSA_PASSWORD_SCHEME");
    }
    s.password_options = config.get_table("FSA_PASSWORD_OPTS");
    long long length = config.get_int("FSA_PASSWORD_LENGTH", 0);
    if (length < 0) {
        throw ConfigError("FSA_PASSWORD_LENGTH must not be negative");
    }
    s.password_length = static_cast<std::size_t>(length);
    s.password_re = config.get_list("FSA_PASSWORD_RE");
    s.password_cache_ttl = config.get_int("FSA_PASSWORD_CACHE_TTL", 0);
    if (s.password_cache_ttl < 0) {
        throw ConfigError("FSA_PASSWORD_CACHE_TTL must not be negative (0 disables the password cache)");
    }
    s.password_cache_size = config.get_int("FSA_PASSWORD_CACHE_SIZE", 65536);
    if (s.password_cache_size <= 0) {
        throw ConfigError("FSA_PASSWORD_CACHE_SIZE must be positive");
    }

    // errors, parameters, authorizations
    std::string error = config.get_string("FSA_ERROR_RESPONSE", "plain");
    if (error == "plain") {
        s.error_format = ErrorFormat::plain;
    } else if (error == "json") {
        s.error_format = ErrorFormat::json;
    } else if (error.starts_with("json:") && error.size() > 5) {
        s.error_format = ErrorFormat::json_key;
        s.error_key = error.substr(5);
    } else {
        throw ConfigError("unexpected FSA_ERROR_RESPONSE value: " + error);
    }
    s.reject_unexpected_param = config.get_bool("FSA_REJECT_UNEXPECTED_PARAM", true);
    s.server_error = static_cast<int>(config.get_int("FSA_SERVER_ERROR", 500));
    s.not_found_error = static_cast<int>(config.get_int("FSA_NOT_FOUND_ERROR", 404));
    for (int status : {s.server_error, s.not_found_error}) {
        if (status < 400 || status > 599) {
            throw ConfigError("FSA_SERVER_ERROR and FSA_NOT_FOUND_ERROR must be 4xx or 5xx statuses");
        }
    }
    s.authz_groups = config.get_list("FSA_AUTHZ_GROUPS");
    s.authz_scopes = config.get_list("FSA_AUTHZ_SCOPES");

    s.handle_all_errors = config.get_bool("FSA_HANDLE_ALL_ERRORS", true);
    s.keep_user_errors = config.get_bool("FSA_KEEP_USER_ERRORS", false);
    s.redirect_401 = config.get_optional_string("FSA_401_REDIRECT");
    s.url_name = config.get_string("FSA_URL_NAME", s.redirect_401 ? "URL" : "");
    s.add_headers = config.get_table("FSA_ADD_HEADERS");
    for (const auto& [name, value] : s.add_headers) {
        if (name.empty() || (name + value).find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
            throw ConfigError("FSA_ADD_HEADERS: a header name or value holds a control character: " + name);
        }
    }
    s.default_content_type = config.get_optional_string("FSA_DEFAULT_CONTENT_TYPE");
    s.secure = config.get_bool("FSA_SECURE", true);
    s.cors = config.get_bool("FSA_CORS", false);
    s.cors_options = config.get_table("FSA_CORS_OPTS");
    // the document tells what every route needs: published by default in development only
    s.openapi_path = config.get_string("FSA_OPENAPI_PATH", s.dev() ? "/openapi.json" : "");
    if (!s.openapi_path.empty() && s.openapi_path.front() != '/') {
        throw ConfigError("FSA_OPENAPI_PATH must be empty or start with '/'");
    }
    // the page shows the document: on by default wherever the document is published outside prod
    s.docs_path = config.get_string("FSA_DOCS_PATH", s.dev() && !s.openapi_path.empty() ? "/docs" : "");
    s.docs_assets = config.get_string("FSA_DOCS_ASSETS", "");
    s.docs_cdn = config.get_string("FSA_DOCS_CDN", "");
    s.logging_level = static_cast<int>(config.get_int("FSA_LOGGING_LEVEL", 20));
    if (s.mode.starts_with("debug")) {
        s.logging_level = 10;  // upstream: debug modes log everything
    }

    s.cache = config.get_string("FSA_CACHE", "ttl");
    s.cache_size = config.get_int("FSA_CACHE_SIZE", 262144);
    s.cache_options = config.get_table("FSA_CACHE_OPTS");
    s.cache_prefix = config.get_string("FSA_CACHE_PREFIX", "");
    if (s.cache_size <= 0) {
        throw ConfigError("FSA_CACHE_SIZE must be positive");
    }
    s.throttle = config.get_bool("FSA_THROTTLE", true);
    s.throttle_limits = parse_throttle_options(config.get_table("FSA_THROTTLE_OPTS"));
    return s;
}

}  // namespace simpleauth::detail
