// The "bcrypt" scheme: bcrypt.hpp behind the PasswordScheme interface, with upstream's options.
#include <stdexcept>

#include "passwords/bcrypt.hpp"
#include "passwords/scheme_factories.hpp"

namespace simpleauth::detail {
namespace {

constexpr std::int64_t kDefaultRounds = 12;  // REQ-PWD-02 asks >= 10; passlib's default is 12 too

class BcryptScheme final : public PasswordScheme {
public:
    BcryptScheme(int rounds, char variant) : rounds_(rounds), variant_(variant) {}

    std::string_view name() const noexcept override { return "bcrypt"; }

    std::string hash(std::string_view password) const override {
        check_password_length(password);
        std::string out = bcrypt_hash(password, rounds_);
        // libxcrypt writes $2b$. $2a$, $2b$ and $2y$ compute the same hash for every password of at
        // most 72 bytes (they differ only in bugs of old implementations on longer or 8-bit input
        // that bcrypt_hash refuses or that crypt_blowfish fixed), so relabelling is exact and lets
        // hashes keep the ident upstream's consumers expect (passlib writes $2y$).
        out[2] = variant_;
        return out;
    }

    bool verify(std::string_view password, std::string_view hash) const noexcept override {
        if (password.size() > kMaxPasswordBytes) return false;
        return bcrypt_verify(password, hash);
    }

    bool recognizes(std::string_view hash) const noexcept override { return is_bcrypt_hash(hash); }

    bool weaker_than_configured(std::string_view hash) const noexcept override {
        if (!is_bcrypt_hash(hash)) return false;
        return (hash[4] - '0') * 10 + (hash[5] - '0') < rounds_;
    }

private:
    int rounds_;
    char variant_;
};

}  // namespace

std::unique_ptr<PasswordScheme> make_bcrypt_scheme(OptionReader& options, std::string_view default_prefix) {
    const std::vector<std::string_view> prefixes{"bcrypt"};
    const auto rounds = options.get_int(prefixes, {"rounds", "default_rounds"}, kDefaultRounds, 4, 31);
    std::string prefix(
        options.get(prefixes, {"prefix", "ident", "default_ident"}).value_or(std::string(default_prefix)));
    // Upstream spells it b"2b", passlib "2b" or "$2b$": accept both forms.
    if (prefix.size() == 4 && prefix.front() == '$' && prefix.back() == '$') prefix = prefix.substr(1, 2);
    if (prefix != "2a" && prefix != "2b" && prefix != "2y")
        throw std::invalid_argument("password option prefix must be 2a, 2b or 2y: " + prefix);
    return std::make_unique<BcryptScheme>(static_cast<int>(rounds), prefix[1]);
}

}  // namespace simpleauth::detail
