#include "passwords/bcrypt.hpp"

#include <crypt.h>
#include <openssl/crypto.h>

#include <memory>
#include <stdexcept>

#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

constexpr std::size_t kBcryptHashLength = 60;
constexpr int kMinRounds = 4;
constexpr int kMaxRounds = 31;

bool acceptable_password(std::string_view password) noexcept {
    return password.size() <= kBcryptMaxPasswordBytes && password.find('\0') == std::string_view::npos;
}

bool is_bcrypt_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
}

// crypt_data is about 32 KiB: on the heap rather than on a possibly small thread stack, and wiped
// afterwards because it holds the password and intermediate state.
struct CryptData {
    crypt_data data{};
    ~CryptData() { OPENSSL_cleanse(&data, sizeof data); }
};

// Runs crypt_rn on a NUL-terminated copy of the password (wiped afterwards). Returns an empty string
// when libxcrypt refuses the setting.
std::string run_crypt(std::string_view password, const std::string& setting) {
    // Callers already enforce this; checked again because the copy below relies on it.
    if (!acceptable_password(password)) return {};
    auto work = std::make_unique<CryptData>();
    // A fixed-size buffer keeps the copy of the password out of std::string's reallocation paths.
    char phrase[kBcryptMaxPasswordBytes + 1] = {};
    password.copy(phrase, password.size());
    const char* result = crypt_rn(phrase, setting.c_str(), &work->data, static_cast<int>(sizeof work->data));
    OPENSSL_cleanse(phrase, sizeof phrase);
    // crypt_rn returns NULL on failure; a result starting with '*' is libxcrypt's failure token.
    if (result == nullptr || result[0] == '*') return {};
    return std::string(result);
}

}  // namespace

bool is_bcrypt_hash(std::string_view hash) noexcept {
    if (hash.size() != kBcryptHashLength) return false;
    if (hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$') return false;
    // $2x$ (the flawed pre-2011 crypt_blowfish variant) is refused on purpose.
    if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') return false;
    if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9') return false;
    const int rounds = (hash[4] - '0') * 10 + (hash[5] - '0');
    if (rounds < kMinRounds || rounds > kMaxRounds) return false;
    for (std::size_t i = 7; i < kBcryptHashLength; ++i) {
        if (!is_bcrypt_char(hash[i])) return false;
    }
    return true;
}

std::string bcrypt_hash(std::string_view password, int rounds) {
    if (password.size() > kBcryptMaxPasswordBytes) throw std::invalid_argument("bcrypt password longer than 72 bytes");
    if (password.find('\0') != std::string_view::npos)
        throw std::invalid_argument("bcrypt password contains a NUL byte");
    if (rounds < kMinRounds || rounds > kMaxRounds) throw std::invalid_argument("bcrypt rounds out of range 4..31");

    // bcrypt takes a 16-byte salt; we draw it from OpenSSL's CSPRNG like every other secret here.
    const std::string salt_bytes = random_bytes(16);
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (crypt_gensalt_rn("$2b$",
                         static_cast<unsigned long>(rounds),
                         salt_bytes.data(),
                         static_cast<int>(salt_bytes.size()),
                         setting,
                         static_cast<int>(sizeof setting)) == nullptr) {
        throw std::runtime_error("crypt_gensalt_rn failed for bcrypt");
    }
    std::string hash = run_crypt(password, setting);
    if (!is_bcrypt_hash(hash)) throw std::runtime_error("crypt_rn failed for bcrypt");
    return hash;
}

bool bcrypt_verify(std::string_view password, std::string_view hash) noexcept {
    try {
        if (!acceptable_password(password) || !is_bcrypt_hash(hash)) return false;
        const std::string computed = run_crypt(password, std::string(hash));
        // libxcrypt echoes the setting (prefix, cost, salt) and appends the hash, so the whole string
        // must come back identical; a non-canonical salt makes it differ and fails, as it should.
        return constant_time_equal(computed, hash);
    } catch (...) {
        // Allocation failure is the only thing that can throw here; it must not authenticate.
        return false;
    }
}

}  // namespace simpleauth::detail
