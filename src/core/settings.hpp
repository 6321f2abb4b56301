#pragma once
// The configuration, resolved once by App::check(): typed, validated, with upstream's defaults.

#include <optional>
#include <string>
#include <vector>

#include "simpleauth/config/config.hpp"
#include "tokens/jwt.hpp"

namespace simpleauth::detail {

enum class ErrorFormat { plain, json, json_key };

struct Settings {
    std::string mode = "prod";                             // prod, dev, debug1..debug4
    std::vector<std::string> auth;                         // FSA_AUTH, expanded
    std::optional<std::vector<std::string>> auth_default;  // FSA_AUTH_DEFAULT, expanded
    std::string realm;                                     // FSA_REALM, default: the app's name

    std::string token_type = "fsa";  // fsa | jwt | "" (none)
    std::string token_carrier = "bearer";
    std::string token_name = "Bearer";
    std::optional<std::string> token_issuer;
    double token_delay = 60.0;  // minutes
    double token_grace = 0.0;   // minutes
    JwtSettings jwt;

    std::string password_scheme = "bcrypt";
    int bcrypt_rounds = 10;  // hashing cost; any cost verifies

    ErrorFormat error_format = ErrorFormat::plain;
    std::string error_key;
    bool reject_unexpected_param = true;
    int server_error = 500;
    int not_found_error = 404;
    std::vector<std::string> authz_groups;

    bool dev() const { return mode != "prod"; }
};

// Reads and validates every directive; throws ConfigError listing the problems.
Settings resolve_settings(const Config& config, const std::string& app_name);

// Upstream expansion: "x" -> ["token", "x", "none"] (but token/oauth/none alone), "password" -> basic + param at the
// end
std::vector<std::string> expand_auth(const std::vector<std::string>& schemes, bool scalar);

}  // namespace simpleauth::detail
