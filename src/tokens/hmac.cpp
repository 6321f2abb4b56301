#include "tokens/hmac.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace simpleauth::detail {
namespace {

const EVP_MD* digest_for(std::string_view algorithm) noexcept {
    if (algorithm == "SHA256") return EVP_sha256();
    if (algorithm == "SHA384") return EVP_sha384();
    if (algorithm == "SHA512") return EVP_sha512();
    return nullptr;
}

}  // namespace

bool hmac_algorithm_supported(std::string_view algorithm) noexcept {
    return digest_for(algorithm) != nullptr;
}

std::string hmac(std::string_view algorithm, std::string_view key, std::string_view data) {
    const EVP_MD* md = digest_for(algorithm);
    if (md == nullptr) throw std::invalid_argument("unsupported HMAC algorithm");
    if (key.size() > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("HMAC key too long");
    // An empty string_view may carry a null pointer; OpenSSL wants a valid pointer even for an empty key.
    static const unsigned char empty = 0;
    const auto* key_ptr = key.empty() ? &empty : reinterpret_cast<const unsigned char*>(key.data());
    const auto* data_ptr = data.empty() ? &empty : reinterpret_cast<const unsigned char*>(data.data());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int out_len = 0;
    // HMAC() is the one-shot API kept (not deprecated) in OpenSSL 3; it fetches the digest internally.
    if (HMAC(md, key_ptr, static_cast<int>(key.size()), data_ptr, data.size(), out, &out_len) == nullptr) {
        throw std::runtime_error("HMAC computation failed");
    }
    std::string mac(reinterpret_cast<const char*>(out), out_len);
    OPENSSL_cleanse(out, sizeof out);
    return mac;
}

namespace {
constexpr std::size_t sha256_block = 64;

EVP_MD_CTX* keyed_state(const unsigned char (&block)[sha256_block], unsigned char pad) {
    unsigned char padded[sha256_block];
    for (std::size_t i = 0; i < sha256_block; ++i) {
        padded[i] = static_cast<unsigned char>(block[i] ^ pad);
    }
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
              EVP_DigestUpdate(ctx, padded, sizeof padded) == 1;
    OPENSSL_cleanse(padded, sizeof padded);
    if (!ok) {
        EVP_MD_CTX_free(ctx);
        throw std::runtime_error("HMAC-SHA256 set-up failed");
    }
    return ctx;
}
}  // namespace

HmacSha256::HmacSha256(std::string_view key) : inner_(nullptr), outer_(nullptr) {
    // RFC 2104: a key longer than the block is hashed first; the block is the key padded with zeros
    unsigned char block[sha256_block] = {};
    if (key.size() > sha256_block) {
        unsigned int n = 0;
        if (EVP_Digest(key.data(), key.size(), block, &n, EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error("HMAC-SHA256 set-up failed");
        }
    } else {
        std::copy(key.begin(), key.end(), block);
    }
    try {
        inner_ = keyed_state(block, 0x36);
        outer_ = keyed_state(block, 0x5c);
    } catch (...) {
        OPENSSL_cleanse(block, sizeof block);
        EVP_MD_CTX_free(inner_);
        throw;
    }
    OPENSSL_cleanse(block, sizeof block);
}

HmacSha256::~HmacSha256() {
    EVP_MD_CTX_free(inner_);  // frees clean the states, which are derived from the key
    EVP_MD_CTX_free(outer_);
}

std::array<unsigned char, 32> HmacSha256::mac(std::string_view data) const {
    std::array<unsigned char, 32> inner_hash{};
    std::array<unsigned char, 32> out{};
    unsigned int n = 0;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr && EVP_MD_CTX_copy_ex(ctx, inner_) == 1 &&
              EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
              EVP_DigestFinal_ex(ctx, inner_hash.data(), &n) == 1 && EVP_MD_CTX_copy_ex(ctx, outer_) == 1 &&
              EVP_DigestUpdate(ctx, inner_hash.data(), inner_hash.size()) == 1 &&
              EVP_DigestFinal_ex(ctx, out.data(), &n) == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_cleanse(inner_hash.data(), inner_hash.size());
    if (!ok) {
        throw std::runtime_error("HMAC-SHA256 computation failed");
    }
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    std::size_t done = 0;
    // RAND_bytes takes an int count: fill very large requests in chunks rather than truncating.
    while (done < n) {
        const std::size_t chunk = std::min<std::size_t>(n - done, 1u << 20);
        if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done), static_cast<int>(chunk)) != 1) {
            throw std::runtime_error("RAND_bytes failed");
        }
        done += chunk;
    }
    return out;
}

}  // namespace simpleauth::detail
