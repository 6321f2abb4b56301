#pragma once
// The configuration, resolved once by App::check(): typed, validated, with upstream's defaults.

#include <optional>
#include <string>
#include <vector>

#include "core/throttle.hpp"
#include "simpleauth/config/config.hpp"
#include "tokens/fsa_token.hpp"
#include "tokens/jwt.hpp"

namespace simpleauth::detail {

enum class ErrorFormat { plain, json, json_key };

struct Settings {
    std::string mode = "prod";                             // prod, dev, debug1..debug4
    std::vector<std::string> auth;                         // FSA_AUTH, expanded
    std::optional<std::vector<std::string>> auth_default;  // FSA_AUTH_DEFAULT, expanded
    std::string realm;                                     // FSA_REALM, default: the app's name

    // authentication parameters and the trusted proxy of httpd
    std::string param_user = "USER";
    std::string param_pass = "PASS";
    std::string fake_login = "LOGIN";
    std::string httpd_header = "X-Remote-User";
    std::vector<std::string> httpd_proxies{"127.0.0.1", "::1"};
    bool digest_ha1 = false;  // FSA_HTTP_AUTH_OPTS use_ha1_pw: get_user_pass returns HA1, not the password

    // tokens
    std::string token_type = "fsa";  // fsa | jwt | "" (none)
    std::string token_carrier = "bearer";
    std::string token_name = "Bearer";
    std::string token_realm;  // fsa: the simplified realm; jwt: the realm
    std::optional<std::string> token_issuer;
    double token_delay = 60.0;  // minutes
    double token_grace = 0.0;   // minutes
    double token_renewal = 0.0;
    double token_max_lifetime = 0.0;  // minutes; 0: renewed cookies have no absolute limit (upstream)
    bool can_create_tokens = true;  // false for JWT public-key algorithms without FSA_TOKEN_SIGN
    JwtSettings jwt;
    FsaTokenSettings fsa;

    // passwords
    std::vector<std::string> password_schemes{"bcrypt"};
    ConfigTable password_options;
    std::size_t password_length = 0;
    std::vector<std::string> password_re;
    // FSA_PASSWORD_CACHE_TTL, FSA_PASSWORD_CACHE_SIZE (SimpleAuth additions): seconds a successful
    // verification is remembered (0: never, upstream's behaviour), and the bound of that table
    long long password_cache_ttl = 0;
    long long password_cache_size = 65536;

    ErrorFormat error_format = ErrorFormat::plain;
    std::string error_key;
    bool reject_unexpected_param = true;
    int server_error = 500;
    int not_found_error = 404;
    std::vector<std::string> authz_groups;
    std::vector<std::string> authz_scopes;

    // responses and errors
    bool handle_all_errors = true;
    bool keep_user_errors = false;
    std::optional<std::string> redirect_401;  // FSA_401_REDIRECT
    std::string url_name;                     // FSA_URL_NAME ("" disables the return URL)
    ConfigTable add_headers;                  // FSA_ADD_HEADERS
    std::optional<std::string> default_content_type;
    bool secure = true;  // FSA_SECURE: plain HTTP refused from non-local clients
    bool cors = false;
    ConfigTable cors_options;
    // FSA_OPENAPI_PATH: GET answered with App::openapi(), "" for none
    std::string openapi_path;
    // FSA_DOCS_PATH: the Swagger UI page of that document, "" for none; its assets from the directory
    // FSA_DOCS_ASSETS (an installed swagger-ui-dist) or the URL prefix FSA_DOCS_CDN (src/core/docs_page.cpp)
    std::string docs_path;
    std::string docs_assets;
    std::string docs_cdn;
    int logging_level = 20;  // Python's logging levels: 10 debug, 20 info, 30 warning, 40 error

    // caching
    std::string cache = "ttl";
    long long cache_size = 262144;
    ConfigTable cache_options;
    std::string cache_prefix;

    // FSA_THROTTLE, FSA_THROTTLE_OPTS (SimpleAuth additions): failed password logins throttled
    bool throttle = true;
    ThrottleLimits throttle_limits;

    bool dev() const { return mode != "prod"; }
    bool uses(std::string_view scheme) const;
};

// Reads and validates every directive; custom: the names of schemes registered in code.
// Throws ConfigError naming the directive.
Settings resolve_settings(const Config& config, const std::string& app_name, const std::vector<std::string>& custom);

// Upstream expansion: "x" -> ["token", "x", "none"] (but token/oauth/none alone), "password" -> basic + param at the
// end
std::vector<std::string> expand_auth(const std::vector<std::string>& schemes, bool scalar);

}  // namespace simpleauth::detail
