// JWT keys, parsed and checked once at start-up: an HMAC secret, or a PEM public key (FSA_TOKEN_SECRET)
// and private key (FSA_TOKEN_SIGN) whose types must fit FSA_TOKEN_ALGO.

#include <stdexcept>
#include <string>

#include "core/settings.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

void load_token_keys(Settings& settings, const std::string& signing_key) {
    settings.jwt.signing_key = signing_key;
    try {
        jwt_load_keys(settings.jwt);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
    // public-key algorithms verify with the public key; without the private one no token can be made
    settings.can_create_tokens = settings.jwt.algorithm.starts_with("HS") || !signing_key.empty();
}

}  // namespace simpleauth::detail
