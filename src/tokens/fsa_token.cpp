#include "tokens/fsa_token.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {

// Python hashlib names to OpenSSL's; shake_* need a length upstream never passes, so they are absent.
const char* openssl_digest(std::string_view name) noexcept {
    struct Entry {
        std::string_view python;
        const char* openssl;
    };
    static constexpr Entry table[] = {
        {"blake2s", "BLAKE2S-256"},
        {"blake2b", "BLAKE2B-512"},
        {"sha1", "SHA1"},
        {"sha224", "SHA224"},
        {"sha256", "SHA256"},
        {"sha384", "SHA384"},
        {"sha512", "SHA512"},
        {"sha3_224", "SHA3-224"},
        {"sha3_256", "SHA3-256"},
        {"sha3_384", "SHA3-384"},
        {"sha3_512", "SHA3-512"},
        {"md5", "MD5"},
    };
    for (const auto& e : table) {
        if (e.python == name) {
            return e.openssl;
        }
    }
    return nullptr;
}

std::string hex(const unsigned char* data, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0F]);
    }
    return out;
}

std::string signature(const FsaTokenSettings& s, std::string_view data) {
    const char* name = openssl_digest(s.algorithm);
    if (name == nullptr) {
        throw std::invalid_argument("unsupported fsa token algorithm: " + s.algorithm);
    }
    std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, name, nullptr), &EVP_MD_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    std::string input;
    input.reserve(data.size() + 1 + s.secret.size());
    input.append(data).append(":").append(s.secret);
    if (!md || !ctx || EVP_DigestInit_ex(ctx.get(), md.get(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), input.data(), input.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
        throw std::runtime_error("fsa token digest failed");
    }
    return hex(digest, std::min<std::size_t>(size, s.length));  // Python slicing: never beyond the digest
}

}  // namespace

std::string_view to_string(FsaTokenError e) noexcept {
    switch (e) {
        case FsaTokenError::malformed:
            return "invalid fsa token";
        case FsaTokenError::bad_limit:
            return "unexpected fsa token limit";
        case FsaTokenError::bad_realm:
            return "unexpected fsa token realm";
        case FsaTokenError::bad_signature:
            return "invalid fsa auth token signature";
        case FsaTokenError::expired:
            return "expired fsa auth token";
    }
    return "invalid fsa token";
}

bool fsa_algorithm_supported(std::string_view algorithm) noexcept {
    return openssl_digest(algorithm) != nullptr;
}

std::string fsa_simplify_realm(std::string_view realm) {
    std::string out;
    for (char c : realm) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        char d = keep ? c : '-';
        if (d == '-' && (out.empty() || out.back() == '-')) {
            continue;
        }
        out.push_back(d);
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    return out;
}

std::string fsa_format_limit(std::int64_t epoch) {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::snprintf(buf,
                  sizeof buf,
                  "%04d%02d%02d%02d%02d%02d",
                  utc.tm_year + 1900,
                  utc.tm_mon + 1,
                  utc.tm_mday,
                  utc.tm_hour,
                  utc.tm_min,
                  utc.tm_sec);
    return buf;
}

std::optional<std::int64_t> fsa_parse_limit(std::string_view text) {
    if (text.size() != 14) {
        return std::nullopt;
    }
    int field[6] = {};
    const int widths[6] = {4, 2, 2, 2, 2, 2};
    std::size_t at = 0;
    for (int f = 0; f < 6; ++f) {
        for (int k = 0; k < widths[f]; ++k, ++at) {
            char c = text[at];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            field[f] = field[f] * 10 + (c - '0');
        }
    }
    std::tm tm{};
    tm.tm_year = field[0] - 1900;
    tm.tm_mon = field[1] - 1;
    tm.tm_mday = field[2];
    tm.tm_hour = field[3];
    tm.tm_min = field[4];
    tm.tm_sec = field[5];
    std::time_t t = timegm(&tm);
    // timegm normalises 31 February into March: a real instant formats back to the same text
    if (field[0] < 1 || fsa_format_limit(t) != text) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(t);
}

std::string fsa_token_create(const FsaTokenSettings& settings,
                             std::string_view realm,
                             std::string_view user,
                             std::int64_t limit) {
    if (user.find(':') != std::string_view::npos || realm.find(':') != std::string_view::npos) {
        throw std::invalid_argument("an fsa token user or realm cannot contain ':'");
    }
    std::string data = std::string(realm) + ":" + std::string(user) + ":" + fsa_format_limit(limit);
    return data + ":" + signature(settings, data);
}

std::variant<FsaTokenClaims, FsaTokenError> fsa_token_verify(const FsaTokenSettings& settings,
                                                             std::string_view token,
                                                             std::string_view realm,
                                                             std::int64_t now) {
    std::size_t c1 = token.find(':');
    std::size_t c2 = c1 == std::string_view::npos ? c1 : token.find(':', c1 + 1);
    std::size_t c3 = c2 == std::string_view::npos ? c2 : token.find(':', c2 + 1);
    if (c3 == std::string_view::npos || token.find(':', c3 + 1) != std::string_view::npos) {
        return FsaTokenError::malformed;
    }
    std::string_view token_realm = token.substr(0, c1);
    std::string_view user = token.substr(c1 + 1, c2 - c1 - 1);
    std::string_view limit_text = token.substr(c2 + 1, c3 - c2 - 1);
    std::string_view sig = token.substr(c3 + 1);
    auto limit = fsa_parse_limit(limit_text);
    if (!limit) {
        return FsaTokenError::bad_limit;
    }
    if (token_realm != realm) {
        return FsaTokenError::bad_realm;
    }
    if (!constant_time_equal(signature(settings, token.substr(0, c3)), sig)) {
        return FsaTokenError::bad_signature;
    }
    if (now - settings.grace > *limit) {
        return FsaTokenError::expired;
    }
    if (user.empty()) {
        return FsaTokenError::malformed;
    }
    return FsaTokenClaims{std::string(user), *limit};
}

}  // namespace simpleauth::detail
