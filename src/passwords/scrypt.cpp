// The "scrypt" scheme: upstream's fsa:scrypt hash,
//     a85(scryptenc(a85(16 random bytes) + "FlaskSimpleAuth!", password))
// Verification decrypts the container and checks the plaintext's suffix; the container's MACs are
// what actually authenticate the password.
#include <stdexcept>

#include "passwords/ascii85.hpp"
#include "passwords/scheme_factories.hpp"
#include "passwords/scryptenc.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

constexpr std::string_view kSuffix = "FlaskSimpleAuth!";

// scrypt's PBKDF2-HMAC-SHA256 zero-pads keys shorter than 64 bytes, so "pw" and "pw\0" derive the
// same key and would verify each other (py-scrypt included). Refusing NUL keeps distinct passwords
// distinct (REQ-PWD-06), as bcrypt and sha512crypt do.
bool acceptable_password(std::string_view password) noexcept {
    return password.size() <= kMaxPasswordBytes && password.find('\0') == std::string_view::npos;
}

// OWASP's scrypt minimum (N=2^17, r=8, p=1: 128 MiB). Upstream picked parameters by timing
// (maxtime=0.05 s), typically logN 14-15 with r=8: still verified.
constexpr std::int64_t kDefaultLogN = 17;
constexpr std::int64_t kDefaultR = 8;
constexpr std::int64_t kDefaultP = 1;
constexpr std::int64_t kDefaultSaltLength = 16;

// Bounds on what a stored container may make a check cost (the configured parameters always pass):
// 256 MiB and 4 times the default work, about half a second on one core.
constexpr std::uint64_t kVerifyMaxMemory = 256ULL << 20;
constexpr std::uint64_t kVerifyMaxWork = 4ULL * (kDefaultR * kDefaultP) << kDefaultLogN;
constexpr std::uint32_t kMaxLogN = 20;

class ScryptScheme final : public PasswordScheme {
public:
    ScryptScheme(ScryptParams params, std::size_t salt_length) : params_(params), salt_length_(salt_length) {}

    std::string_view name() const noexcept override { return "scrypt"; }

    std::string hash(std::string_view password) const override {
        check_password_length(password);
        if (!acceptable_password(password)) throw std::invalid_argument("scrypt password contains a NUL byte");
        const std::string data = ascii85_encode(random_bytes(salt_length_)) + std::string(kSuffix);
        return ascii85_encode(scrypt_encrypt(data, password, params_));
    }

    bool verify(std::string_view password, std::string_view hash) const noexcept override {
        try {
            if (!acceptable_password(password)) return false;
            const auto container = ascii85_decode(hash);
            if (!container) return false;
            const auto params = scrypt_container_params(*container);
            if (!params || params->log_n > std::max(kMaxLogN, params_.log_n)) return false;
            const auto data = scrypt_decrypt(*container,
                                             password,
                                             std::max(kVerifyMaxMemory, params_.memory_bytes()),
                                             std::max(kVerifyMaxWork, params_.work()));
            return data && data->ends_with(kSuffix);
        } catch (...) {
            return false;  // OpenSSL or allocation failure must not authenticate
        }
    }

    bool recognizes(std::string_view hash) const noexcept override {
        try {
            const auto container = ascii85_decode(hash);
            return container && scrypt_container_params(*container).has_value();
        } catch (...) {
            return false;
        }
    }

    bool weaker_than_configured(std::string_view hash) const noexcept override {
        try {
            const auto container = ascii85_decode(hash);
            if (!container) return false;
            const auto params = scrypt_container_params(*container);
            return params && (params->memory_bytes() < params_.memory_bytes() || params->work() < params_.work());
        } catch (...) {
            return false;
        }
    }

private:
    ScryptParams params_;
    std::size_t salt_length_;
};

}  // namespace

std::unique_ptr<PasswordScheme> make_scrypt_scheme(OptionReader& options) {
    const std::vector<std::string_view> prefixes{"scrypt"};
    // Upstream's maxtime chose the cost by timing the machine at startup: not reproducible, and it
    // picks costs far below the recommended ones. Refused with a pointer to the explicit options.
    if (options.get(prefixes, {"maxtime"}))
        throw std::invalid_argument("password option maxtime is not supported: set logN, r and p");
    const auto log_n = options.get_int(prefixes, {"logN"}, kDefaultLogN, 1, kMaxLogN);
    const auto r = options.get_int(prefixes, {"r"}, kDefaultR, 1, 32);
    const auto p = options.get_int(prefixes, {"p"}, kDefaultP, 1, 16);
    const auto salt_length = options.get_int(prefixes, {"saltlength"}, kDefaultSaltLength, 8, 64);
    const ScryptParams params{
        static_cast<std::uint32_t>(log_n), static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(p)};
    if (params.memory_bytes() > (1ULL << 30))
        throw std::invalid_argument("password option logN: scrypt memory 128*r*2^logN over 1 GiB");
    return std::make_unique<ScryptScheme>(params, static_cast<std::size_t>(salt_length));
}

}  // namespace simpleauth::detail
