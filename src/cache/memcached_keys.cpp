#include <openssl/evp.h>

#include <stdexcept>

#include "cache/remote_stores.hpp"

namespace simpleauth::detail::cache {
namespace {

constexpr std::size_t max_key_length = 250;  // memcached's limit

bool printable(std::string_view text) {
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) {
            return false;
        }
    }
    return true;
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xF];
    }
    return out;
}

}  // namespace

std::string memcached_key(std::string_view prefix, std::string_view generation, std::string_view key) {
    std::string out;
    out.reserve(prefix.size() + generation.size() + 2 + std::max<std::size_t>(key.size(), 64));
    out.append(prefix).append(generation);
    if (out.size() + 1 + key.size() <= max_key_length && printable(key)) {
        out.append("k").append(key);
    } else {
        out.append("h").append(sha256_hex(key));
    }
    return out;
}

}  // namespace simpleauth::detail::cache
