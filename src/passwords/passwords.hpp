// Password hashing schemes behind one interface, and a passlib-style context of several schemes.
//
// Every scheme upstream (FlaskSimpleAuth) offers is here so that its stored hashes keep verifying
// after a migration; new hashes use the secure defaults of security-baseline REQ-PWD-01/02 unless
// options say otherwise. The core only sees PasswordScheme and PasswordContext.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace simpleauth::detail {

// Hashing-DoS guard (REQ-PWD-04): every scheme refuses longer passwords before any hashing work, and
// verification returns false for them at once. Far above any real password (ASVS asks for >= 64).
inline constexpr std::size_t kMaxPasswordBytes = 4096;

// From FSA_PASSWORD_OPTS (a TOML table, values as text). A key is either bare (`rounds`) or
// passlib-style, prefixed by a scheme name (`bcrypt__rounds`, `sha512_crypt__default_rounds`); the
// prefixed form wins, and is needed when two schemes of one context share an option name.
using PasswordOptions = std::map<std::string, std::string>;

class PasswordScheme {
public:
    virtual ~PasswordScheme() = default;
    // Canonical name: "bcrypt", "argon2", "scrypt", "sha512crypt", "plaintext", "b64", "a85".
    virtual std::string_view name() const noexcept = 0;
    // Throws std::invalid_argument on a password the scheme refuses (too long, NUL where the scheme
    // cannot represent it), std::runtime_error if the underlying library fails.
    virtual std::string hash(std::string_view password) const = 0;
    // False on a wrong password, a malformed hash or parameters beyond the verification bounds.
    virtual bool verify(std::string_view password, std::string_view hash) const noexcept = 0;
    // Whether the hash has this scheme's shape (not whether it verifies).
    virtual bool recognizes(std::string_view hash) const noexcept = 0;
    // plaintext, b64 and a85 store the password itself: accepted for migration only.
    virtual bool legacy() const noexcept { return false; }
    // Whether a hash this scheme recognizes was made with weaker parameters than configured
    // (REQ-PWD-07). Only meaningful for a recognized hash; false otherwise.
    virtual bool weaker_than_configured(std::string_view /*hash*/) const noexcept { return false; }
};

// Names: "bcrypt", "argon2" (argon2id), "scrypt" (upstream's fsa:scrypt container), "sha512crypt"
// (libxcrypt $6$), "plaintext", "b64", "a85"; upstream's spellings "fsa:<name>", "passlib:bcrypt",
// "passlib:sha512_crypt", "sha512_crypt", "passlib:argon2", "passlib:plaintext". Throws
// std::invalid_argument("unexpected password scheme: X"), or naming the option for a bad or unknown
// option value.
std::unique_ptr<PasswordScheme> make_password_scheme(std::string_view name, const PasswordOptions& options);

// A list of schemes (passlib CryptContext style): the first hashes, every one verifies.
class PasswordContext {
public:
    // Throws std::invalid_argument for an empty list, an unknown or repeated scheme, or an option that
    // is invalid or that no scheme of the list uses.
    PasswordContext(const std::vector<std::string>& schemes, const PasswordOptions& options);
    ~PasswordContext();
    PasswordContext(PasswordContext&&) noexcept;
    PasswordContext& operator=(PasswordContext&&) noexcept;

    // With the first scheme.
    std::string hash(std::string_view password) const;
    // With the scheme that recognizes the hash (non-legacy schemes are asked first, so that a bcrypt
    // hash is never taken for a plaintext password); false if none does.
    bool verify(std::string_view password, std::string_view hash) const noexcept;
    // Not the first scheme's, or its parameters are weaker than configured.
    bool needs_rehash(std::string_view hash) const noexcept;
    // A hash of a random password with the first scheme: checking an unknown user against it costs
    // as much as a real check, so timing does not reveal which logins exist.
    std::string dummy_hash() const;
    const PasswordScheme& primary() const noexcept;
    // Names of the legacy schemes present, for the core's startup warning.
    std::vector<std::string> legacy_schemes() const;

private:
    std::vector<std::unique_ptr<PasswordScheme>> schemes_;
};

// Upstream hash_password's quality rules, in its order: minimal length (in code points, as Python's
// len), then each regex must be found (std::regex ECMAScript search). Returns the first failure
// message exactly as upstream ("password is too short, must be at least N", "password must match
// <re>"), "" when the password is fine. Throws std::invalid_argument for an invalid regex.
std::string password_quality_error(std::string_view password,
                                   std::size_t min_length,
                                   const std::vector<std::string>& regexes);

}  // namespace simpleauth::detail
