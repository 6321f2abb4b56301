// JWT keys, read once at start-up: HMAC secrets as they are; public-key algorithms come with the
// asymmetric JWT support.

#include <string>

#include "core/settings.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

void load_token_keys(Settings& settings, const std::string& signing_key) {
    if (!settings.jwt.algorithm.starts_with("HS")) {
        throw ConfigError("FSA_TOKEN_ALGO " + settings.jwt.algorithm + " is not supported yet");
    }
    if (!signing_key.empty()) {
        throw ConfigError("FSA_TOKEN_SIGN is for public-key algorithms; HMAC signs with FSA_TOKEN_SECRET");
    }
    settings.can_create_tokens = true;
}

}  // namespace simpleauth::detail
