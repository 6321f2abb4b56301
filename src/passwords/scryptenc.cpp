#include "passwords/scryptenc.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>
#include <stdexcept>

#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

constexpr std::string_view kMagic{"scrypt\0", 7};  // magic and version 0
constexpr std::size_t kSaltBytes = 32;
constexpr std::size_t kChecksumOffset = 48;
constexpr std::size_t kHeaderMacOffset = 64;
constexpr std::size_t kHeaderBytes = 96;
constexpr std::size_t kMacBytes = 32;

bool valid_params(const ScryptParams& p) noexcept {
    return p.log_n >= 1 && p.log_n <= 63 && p.r >= 1 && p.p >= 1 && std::uint64_t{p.r} * p.p < (1ULL << 30);
}

void put_be32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t get_be32(std::string_view in, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(in[at + k]);
    return v;
}

std::string sha256(std::string_view data) {
    std::string out(SHA256_DIGEST_LENGTH, '\0');
    unsigned int len = 0;
    if (EVP_Digest(
            data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(), nullptr) != 1 ||
        len != out.size())
        throw std::runtime_error("SHA-256 failed");
    return out;
}

// 64 bytes: the AES key, then the HMAC key. Wiped by the caller.
std::string derive(std::string_view password, std::string_view salt, const ScryptParams& p) {
    std::string key(64, '\0');
    // OpenSSL refuses to exceed maxmem (32 MiB by default): give it exactly what these parameters
    // need (V of 128·r·N bytes plus B of 128·r·p bytes, with slack); the callers bounded them.
    const std::uint64_t maxmem = p.memory_bytes() + 128ULL * p.r * (p.p + 2) + (1ULL << 20);
    if (EVP_PBE_scrypt(password.data(),
                       password.size(),
                       reinterpret_cast<const unsigned char*>(salt.data()),
                       salt.size(),
                       1ULL << p.log_n,
                       p.r,
                       p.p,
                       maxmem,
                       reinterpret_cast<unsigned char*>(key.data()),
                       key.size()) != 1)
        throw std::runtime_error("scrypt key derivation failed");
    return key;
}

struct CipherCtx {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

// AES-256-CTR with a zero initial counter block: scryptenc uses a 64-bit nonce of 0 followed by a
// 64-bit big-endian block counter, which is what OpenSSL's 128-bit counter does for < 2^64 blocks.
// Encryption and decryption are the same operation.
std::string aes256_ctr(std::string_view key, std::string_view data) {
    CipherCtx c;
    const unsigned char iv[16] = {};
    std::string out(data.size(), '\0');
    int len = 0;
    int final_len = 0;
    if (c.ctx == nullptr ||
        EVP_EncryptInit_ex(c.ctx, EVP_aes_256_ctr(), nullptr, reinterpret_cast<const unsigned char*>(key.data()), iv) !=
            1 ||
        EVP_EncryptUpdate(c.ctx,
                          reinterpret_cast<unsigned char*>(out.data()),
                          &len,
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size())) != 1 ||
        EVP_EncryptFinal_ex(c.ctx, reinterpret_cast<unsigned char*>(out.data()) + len, &final_len) != 1 ||
        static_cast<std::size_t>(len + final_len) != data.size())
        throw std::runtime_error("AES-256-CTR failed");
    return out;
}

struct Wiped {
    std::string bytes;
    ~Wiped() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

}  // namespace

std::string scrypt_encrypt(std::string_view data, std::string_view password, const ScryptParams& params) {
    if (!valid_params(params)) throw std::invalid_argument("invalid scrypt parameters");
    if (data.size() > (1U << 30)) throw std::invalid_argument("scrypt data too large");
    std::string out(kMagic);
    out += static_cast<char>(params.log_n);
    put_be32(out, params.r);
    put_be32(out, params.p);
    const std::string salt = random_bytes(kSaltBytes);
    out += salt;
    out += sha256(out).substr(0, 16);
    const Wiped key{derive(password, salt, params)};
    const std::string_view aes_key = std::string_view(key.bytes).substr(0, 32);
    const std::string_view mac_key = std::string_view(key.bytes).substr(32);
    out += hmac("SHA256", mac_key, out);
    out += aes256_ctr(aes_key, data);
    out += hmac("SHA256", mac_key, out);
    return out;
}

std::optional<ScryptParams> scrypt_container_params(std::string_view container) {
    if (container.size() < kScryptContainerOverhead || !container.starts_with(kMagic)) return std::nullopt;
    const ScryptParams p{static_cast<unsigned char>(container[7]), get_be32(container, 8), get_be32(container, 12)};
    if (!valid_params(p)) return std::nullopt;
    // The checksum is not secret (no key): a plain comparison is fine.
    if (sha256(container.substr(0, kChecksumOffset)).substr(0, 16) != container.substr(kChecksumOffset, 16))
        return std::nullopt;
    return p;
}

std::optional<std::string> scrypt_decrypt(std::string_view container,
                                          std::string_view password,
                                          std::uint64_t max_memory_bytes,
                                          std::uint64_t max_work) {
    const auto params = scrypt_container_params(container);
    if (!params || params->memory_bytes() > max_memory_bytes || params->work() > max_work) return std::nullopt;
    const Wiped key{derive(password, container.substr(16, kSaltBytes), *params)};
    const std::string_view mac_key = std::string_view(key.bytes).substr(32);
    // The header MAC tells a wrong password apart before touching the data.
    if (!constant_time_equal(hmac("SHA256", mac_key, container.substr(0, kHeaderMacOffset)),
                             container.substr(kHeaderMacOffset, kMacBytes)))
        return std::nullopt;
    const std::size_t body_end = container.size() - kMacBytes;
    if (!constant_time_equal(hmac("SHA256", mac_key, container.substr(0, body_end)), container.substr(body_end)))
        return std::nullopt;
    return aes256_ctr(std::string_view(key.bytes).substr(0, 32),
                      container.substr(kHeaderBytes, body_end - kHeaderBytes));
}

}  // namespace simpleauth::detail
