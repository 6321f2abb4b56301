// Upstream's legacy schemes, which store the password itself (plaintext) or an encoding of it (b64,
// a85: obfuscation, not hashing). Kept so that such databases can be migrated: a PasswordContext
// with a real scheme first verifies them and reports needs_rehash.

#include "passwords/ascii85.hpp"
#include "passwords/scheme_factories.hpp"
#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

using Encoder = std::string (*)(std::string_view);
using Decoder = std::optional<std::string> (*)(std::string_view);

std::string identity(std::string_view bytes) {
    return std::string(bytes);
}
std::optional<std::string> identity_decode(std::string_view text) {
    return std::string(text);
}
std::string b64_encode(std::string_view bytes) {
    return base64_encode(bytes);
}
std::optional<std::string> b64_decode(std::string_view text) {
    return base64_decode(text);
}

class LegacyScheme final : public PasswordScheme {
public:
    LegacyScheme(std::string_view name, Encoder encode, Decoder decode)
        : name_(name), encode_(encode), decode_(decode) {}

    std::string_view name() const noexcept override { return name_; }

    std::string hash(std::string_view password) const override {
        check_password_length(password);
        return encode_(password);
    }

    // Decode and compare, as upstream does, so that any spelling upstream's decoder accepts works.
    bool verify(std::string_view password, std::string_view hash) const noexcept override {
        try {
            if (password.size() > kMaxPasswordBytes) return false;
            const auto stored = decode_(hash);
            return stored && constant_time_equal(password, *stored);
        } catch (...) {
            return false;
        }
    }

    bool recognizes(std::string_view hash) const noexcept override {
        try {
            return decode_(hash).has_value();
        } catch (...) {
            return false;
        }
    }

    bool legacy() const noexcept override { return true; }

private:
    std::string_view name_;
    Encoder encode_;
    Decoder decode_;
};

}  // namespace

std::unique_ptr<PasswordScheme> make_plaintext_scheme() {
    return std::make_unique<LegacyScheme>("plaintext", identity, identity_decode);
}

std::unique_ptr<PasswordScheme> make_b64_scheme() {
    return std::make_unique<LegacyScheme>("b64", b64_encode, b64_decode);
}

std::unique_ptr<PasswordScheme> make_a85_scheme() {
    return std::make_unique<LegacyScheme>("a85", ascii85_encode, ascii85_decode);
}

}  // namespace simpleauth::detail
