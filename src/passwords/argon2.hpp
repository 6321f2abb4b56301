// Argon2 PHC strings ($argon2id$v=19$m=...,t=...,p=...$salt$hash), as libargon2 and argon2-cffi
// write them. The scheme itself is built by make_password_scheme("argon2", ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

struct Argon2Hash {
    std::string variant;      // "argon2id", "argon2i" or "argon2d"
    std::uint32_t version{};  // 19 (0x13), or 16 (0x10) when the string has no v= field
    std::uint32_t memory_kib{};
    std::uint32_t time_cost{};
    std::uint32_t parallelism{};
    std::string salt;    // raw bytes
    std::string digest;  // raw bytes
};

// Parses the canonical PHC form: decimal parameters without leading zeros, salt and digest in
// unpadded standard base64 with zero trailing bits. nullopt for anything else. Parameters are not
// bounded here (the scheme bounds them before spending memory).
std::optional<Argon2Hash> parse_argon2_hash(std::string_view text);

}  // namespace simpleauth::detail
