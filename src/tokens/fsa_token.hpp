// Upstream's "fsa" token: <realm>[/<issuer>]:<user>:<limit>:<signature>, where limit is the UTC expiry
// YYYYMMDDHHmmSS and signature = hex(H("<realm[/issuer]>:<user>:<limit>:<secret>")[:length]), H being
// FSA_TOKEN_ALGO (a Python hashlib name, blake2s by default). A keyed hash rather than an HMAC: kept
// byte for byte so that tokens issued by a Python service stay valid; compared in constant time here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace simpleauth::detail {

struct FsaTokenSettings {
    std::string algorithm = "blake2s";  // hashlib name: blake2s, blake2b, sha256, sha512, sha3_256, md5, ...
    std::string secret;
    std::size_t length = 16;  // bytes of the digest kept (hex: twice as many characters)
    std::int64_t grace = 0;   // seconds accepted after the limit
};

struct FsaTokenClaims {
    std::string user;
    std::int64_t limit = 0;  // seconds since the epoch
};

enum class FsaTokenError { malformed, bad_limit, bad_realm, bad_signature, expired };
std::string_view to_string(FsaTokenError) noexcept;  // never echoes the token

bool fsa_algorithm_supported(std::string_view algorithm) noexcept;

// Upstream's realm simplification: characters other than [-A-Za-z0-9] become '-', runs of '-' collapse,
// leading and trailing '-' go ("My App!" -> "My-App").
std::string fsa_simplify_realm(std::string_view realm);

// realm: the token realm with its issuer ("acme" or "acme/issuer"); limit: the expiry, epoch seconds.
// Throws std::invalid_argument for a user containing ':' or an unsupported algorithm.
std::string fsa_token_create(const FsaTokenSettings& settings,
                             std::string_view realm,
                             std::string_view user,
                             std::int64_t limit);

std::variant<FsaTokenClaims, FsaTokenError> fsa_token_verify(const FsaTokenSettings& settings,
                                                             std::string_view token,
                                                             std::string_view realm,
                                                             std::int64_t now);

// "20991231235959" <-> epoch seconds (UTC); nullopt for anything but 14 digits of a real instant
std::string fsa_format_limit(std::int64_t epoch);
std::optional<std::int64_t> fsa_parse_limit(std::string_view text);

}  // namespace simpleauth::detail
