#include "core/settings.hpp"

#include <algorithm>
#include <string>

#include "simpleauth/errors.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {

const std::vector<std::string> known_schemes{"none", "basic", "token"};
const std::vector<std::string> upstream_schemes{
    "httpd", "param", "password", "oauth", "fake", "digest", "http-basic", "http-digest", "http-token"};

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

void check_schemes(const std::vector<std::string>& schemes, const char* directive) {
    for (const auto& s : schemes) {
        if (contains(upstream_schemes, s)) {
            throw ConfigError(std::string(directive) + ": authentication scheme \"" + s +
                              "\" is not supported by SimpleAuth yet");
        }
        if (!contains(known_schemes, s)) {
            throw ConfigError(std::string(directive) + ": unexpected authentication scheme: " + s);
        }
    }
}

}  // namespace

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

Settings resolve_settings(const Config& config, const std::string& app_name) {
    Settings s;
    s.mode = config.get_string("FSA_MODE", "prod");
    if (s.mode == "debug") {
        s.mode = "debug1";
    }
    if (!contains({"prod", "dev", "debug1", "debug2", "debug3", "debug4"}, s.mode)) {
        throw ConfigError("unexpected FSA_MODE value: " + s.mode);
    }

    const ConfigValue* auth = config.find("FSA_AUTH");
    if (auth == nullptr || config.get_list("FSA_AUTH").empty()) {
        throw ConfigError("empty authentication configuration, please provide FSA_AUTH");
    }
    s.auth = expand_auth(config.get_list("FSA_AUTH"), std::holds_alternative<std::string>(*auth));
    check_schemes(s.auth, "FSA_AUTH");
    if (const ConfigValue* def = config.find("FSA_AUTH_DEFAULT")) {
        auto list = config.get_list("FSA_AUTH_DEFAULT");
        list = expand_auth(list, false);
        for (const auto& scheme : list) {
            if (!contains(s.auth, scheme)) {
                throw ConfigError("FSA_AUTH_DEFAULT: default auth is not enabled in FSA_AUTH: " + scheme);
            }
        }
        (void)def;
        s.auth_default = std::move(list);
    }
    s.realm = config.get_string("FSA_REALM", app_name);
    if (s.realm.find_first_of("\r\n") != std::string::npos || s.realm.find('\0') != std::string::npos) {
        throw ConfigError("FSA_REALM must not contain control characters");
    }

    s.token_type = config.get_string("FSA_TOKEN_TYPE", "fsa");
    bool tokens_used = contains(s.auth, "token");
    if (s.token_type != "jwt" && s.token_type != "fsa" && !s.token_type.empty()) {
        throw ConfigError("unexpected FSA_TOKEN_TYPE: " + s.token_type);
    }
    if (tokens_used && s.token_type == "fsa") {
        throw ConfigError("FSA_TOKEN_TYPE = \"fsa\" is not supported by SimpleAuth yet: use \"jwt\"");
    }
    if (tokens_used && s.token_type.empty()) {
        throw ConfigError("the token scheme is enabled in FSA_AUTH but FSA_TOKEN_TYPE is empty");
    }
    s.token_carrier = config.get_string("FSA_TOKEN_CARRIER", "bearer");
    if (s.token_carrier != "bearer") {
        throw ConfigError("FSA_TOKEN_CARRIER \"" + s.token_carrier + "\" is not supported by SimpleAuth yet");
    }
    s.token_name = config.get_string("FSA_TOKEN_NAME", "Bearer");
    if (s.token_name.empty()) {
        throw ConfigError("token carrier bearer requires a name (FSA_TOKEN_NAME)");
    }
    s.token_issuer = config.get_optional_string("FSA_TOKEN_ISSUER");
    s.token_delay = config.get_double("FSA_TOKEN_DELAY", 60.0);
    s.token_grace = config.get_double("FSA_TOKEN_GRACE", 0.0);
    if (s.token_delay <= 0 || s.token_grace < 0) {
        throw ConfigError("FSA_TOKEN_DELAY must be positive and FSA_TOKEN_GRACE not negative");
    }
    s.jwt.algorithm = config.get_string("FSA_TOKEN_ALGO", "HS256");
    s.jwt.leeway = static_cast<std::int64_t>(s.token_grace * 60.0);
    if (s.token_type == "jwt" && !jwt_algorithm_supported(s.jwt.algorithm)) {
        throw ConfigError("unexpected jwt FSA_TOKEN_ALGO (" + s.jwt.algorithm + ")");
    }
    auto secret = config.get_optional_string("FSA_TOKEN_SECRET");
    if (secret) {
        s.jwt.secret = *secret;
    } else {
        // upstream: a random secret, valid for this process only
        s.jwt.secret = random_bytes(32);
    }
    if (tokens_used && secret && s.jwt.secret.size() < 32 && s.mode == "prod") {
        throw ConfigError("FSA_TOKEN_SECRET is too short for HMAC: at least 32 bytes are needed (RFC 7518 3.2)");
    }

    auto scheme = config.get_list("FSA_PASSWORD_SCHEME");
    if (!scheme.empty() && !(scheme.size() == 1 && scheme.front() == "bcrypt")) {
        throw ConfigError("FSA_PASSWORD_SCHEME: only \"bcrypt\" is supported by SimpleAuth yet");
    }

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
    return s;
}

}  // namespace simpleauth::detail
