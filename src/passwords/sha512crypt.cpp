// The "sha512crypt" scheme ($6$, passlib's sha512_crypt) through libxcrypt. Its cost grows with the
// password's length, which is why the length is capped before calling crypt: libxcrypt itself
// refuses passphrases of CRYPT_MAX_PASSPHRASE_SIZE (512) bytes or more, so the cap here is 511
// bytes, below the general 4096.
#include <crypt.h>
#include <openssl/crypto.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>

#include "passwords/scheme_factories.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

constexpr std::int64_t kDefaultRounds = 656000;  // passlib's default
constexpr std::int64_t kMinRounds = 5000;        // the algorithm's own default, below which we refuse to hash
constexpr std::int64_t kMaxRounds = 999999999;   // the algorithm's maximum
// Bound on what a stored hash may make one check cost (about 1 s on one core; the configured rounds
// always pass).
constexpr std::uint32_t kVerifyMaxRounds = 2000000;
constexpr std::size_t kSaltMaxChars = 16;
constexpr std::size_t kDigestChars = 86;
constexpr std::string_view kRoundsField = "rounds=";
constexpr std::size_t kMaxSha512CryptPasswordBytes = CRYPT_MAX_PASSPHRASE_SIZE - 1;

bool acceptable_password(std::string_view password) noexcept {
    // crypt() reads a C string: a NUL would silently end the password (REQ-PWD-06).
    return password.size() <= kMaxSha512CryptPasswordBytes && password.find('\0') == std::string_view::npos;
}

bool is_crypt_char(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
}

// The rounds of a well-formed $6$ hash (5000 when the field is absent), nullopt otherwise.
std::optional<std::uint32_t> parse_sha512crypt(std::string_view hash) noexcept {
    if (!hash.starts_with("$6$")) return std::nullopt;
    hash.remove_prefix(3);
    std::uint32_t rounds = kMinRounds;
    if (hash.starts_with(kRoundsField)) {
        hash.remove_prefix(kRoundsField.size());
        const auto end = hash.find('$');
        if (end == std::string_view::npos || end == 0 || hash[0] == '0') return std::nullopt;
        const auto [ptr, ec] = std::from_chars(hash.data(), hash.data() + end, rounds);
        if (ec != std::errc() || ptr != hash.data() + end) return std::nullopt;  // not a secret: a position
        hash.remove_prefix(end + 1);
    }
    const auto dollar = hash.find('$');
    if (dollar == std::string_view::npos || dollar > kSaltMaxChars || hash.size() - dollar - 1 != kDigestChars)
        return std::nullopt;
    for (std::size_t i = 0; i < hash.size(); ++i) {
        if (i != dollar && !is_crypt_char(hash[i])) return std::nullopt;
    }
    return rounds;
}

struct CryptData {
    crypt_data data{};
    ~CryptData() { OPENSSL_cleanse(&data, sizeof data); }
};

// crypt_rn on a NUL-terminated copy (wiped afterwards); "" on failure.
std::string run_crypt(std::string_view password, const std::string& setting) {
    auto work = std::make_unique<CryptData>();
    std::string phrase(password);
    const char* result = crypt_rn(phrase.c_str(), setting.c_str(), &work->data, static_cast<int>(sizeof work->data));
    OPENSSL_cleanse(phrase.data(), phrase.size());
    if (result == nullptr || result[0] == '*') return {};
    return std::string(result);
}

class Sha512CryptScheme final : public PasswordScheme {
public:
    explicit Sha512CryptScheme(std::uint32_t rounds) : rounds_(rounds) {}

    std::string_view name() const noexcept override { return "sha512crypt"; }

    std::string hash(std::string_view password) const override {
        check_password_length(password);
        if (!acceptable_password(password))
            throw std::invalid_argument("sha512crypt password over 511 bytes or containing a NUL byte");
        const std::string salt = random_bytes(kSaltMaxChars);
        char setting[CRYPT_GENSALT_OUTPUT_SIZE];
        if (crypt_gensalt_rn("$6$",
                             rounds_,
                             salt.data(),
                             static_cast<int>(salt.size()),
                             setting,
                             static_cast<int>(sizeof setting)) == nullptr)
            throw std::runtime_error("crypt_gensalt_rn failed for sha512crypt");
        std::string out = run_crypt(password, setting);
        if (!parse_sha512crypt(out)) throw std::runtime_error("crypt_rn failed for sha512crypt");
        return out;
    }

    bool verify(std::string_view password, std::string_view hash) const noexcept override {
        try {
            if (!acceptable_password(password)) return false;
            const auto rounds = parse_sha512crypt(hash);
            if (!rounds || *rounds > std::max(kVerifyMaxRounds, rounds_)) return false;
            // crypt echoes the setting and appends the digest, so the whole string must come back.
            return constant_time_equal(run_crypt(password, std::string(hash)), hash);
        } catch (...) {
            return false;
        }
    }

    bool recognizes(std::string_view hash) const noexcept override { return parse_sha512crypt(hash).has_value(); }

    bool weaker_than_configured(std::string_view hash) const noexcept override {
        const auto rounds = parse_sha512crypt(hash);
        return rounds && *rounds < rounds_;
    }

private:
    std::uint32_t rounds_;
};

}  // namespace

std::unique_ptr<PasswordScheme> make_sha512crypt_scheme(OptionReader& options) {
    const auto rounds = options.get_int(
        {"sha512crypt", "sha512_crypt"}, {"rounds", "default_rounds"}, kDefaultRounds, kMinRounds, kMaxRounds);
    return std::make_unique<Sha512CryptScheme>(static_cast<std::uint32_t>(rounds));
}

}  // namespace simpleauth::detail
