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
