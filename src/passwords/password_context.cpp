// PasswordContext: several schemes, passlib CryptContext style.
#include <set>
#include <stdexcept>

#include "passwords/scheme_factories.hpp"
#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

// Legacy schemes recognize almost anything (plaintext: everything), so real schemes are asked
// first: a bcrypt hash in a ["plaintext", "bcrypt"] context is checked as bcrypt, never compared as
// a plaintext password.
const PasswordScheme* find_scheme(const std::vector<std::unique_ptr<PasswordScheme>>& schemes,
                                  std::string_view hash) noexcept {
    for (const bool legacy_pass : {false, true}) {
        for (const auto& scheme : schemes) {
            if (scheme->legacy() == legacy_pass && scheme->recognizes(hash)) return scheme.get();
        }
    }
    return nullptr;
}

}  // namespace

PasswordContext::PasswordContext(const std::vector<std::string>& schemes, const PasswordOptions& options) {
    if (schemes.empty()) throw std::invalid_argument("no password scheme given");
    OptionReader reader(options);
    std::set<std::string, std::less<>> seen;
    for (const auto& name : schemes) {
        auto scheme = make_scheme(name, reader);
        if (!seen.insert(std::string(scheme->name())).second)
            throw std::invalid_argument("repeated password scheme: " + name);
        schemes_.push_back(std::move(scheme));
    }
    if (const auto unused = reader.unused(); !unused.empty())
        throw std::invalid_argument("unexpected password option: " + unused.front());
}

PasswordContext::~PasswordContext() = default;
PasswordContext::PasswordContext(PasswordContext&&) noexcept = default;
PasswordContext& PasswordContext::operator=(PasswordContext&&) noexcept = default;

std::string PasswordContext::hash(std::string_view password) const {
    return schemes_.front()->hash(password);
}

bool PasswordContext::verify(std::string_view password, std::string_view hash) const noexcept {
    const PasswordScheme* scheme = find_scheme(schemes_, hash);
    return scheme != nullptr && scheme->verify(password, hash);
}

bool PasswordContext::needs_rehash(std::string_view hash) const noexcept {
    const PasswordScheme* scheme = find_scheme(schemes_, hash);
    return scheme != schemes_.front().get() || scheme->weaker_than_configured(hash);
}

std::string PasswordContext::dummy_hash() const {
    // 32 characters: within every scheme's limits (bcrypt's 72 bytes included), no NUL.
    return schemes_.front()->hash(base64_encode(random_bytes(24)));
}

const PasswordScheme& PasswordContext::primary() const noexcept {
    return *schemes_.front();
}

std::vector<std::string> PasswordContext::legacy_schemes() const {
    std::vector<std::string> out;
    for (const auto& scheme : schemes_) {
        if (scheme->legacy()) out.emplace_back(scheme->name());
    }
    return out;
}

}  // namespace simpleauth::detail
