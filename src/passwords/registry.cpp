// Scheme names, upstream's spellings included, to factories.
#include <stdexcept>

#include "passwords/scheme_factories.hpp"

namespace simpleauth::detail {

std::unique_ptr<PasswordScheme> make_scheme(std::string_view name, OptionReader& options) {
    // Upstream resolves a bare name to its own fsa provider for bcrypt, argon2, scrypt, plaintext,
    // b64 and a85, else to passlib; both providers' hashes of a scheme share one format here, except
    // that passlib writes bcrypt as $2y$ by default.
    if (name == "bcrypt" || name == "fsa:bcrypt") return make_bcrypt_scheme(options, "2b");
    if (name == "passlib:bcrypt") return make_bcrypt_scheme(options, "2y");
    if (name == "argon2" || name == "fsa:argon2" || name == "passlib:argon2") return make_argon2_scheme(options);
    // passlib's own scrypt ($scrypt$...) is another format, deliberately not mapped here.
    if (name == "scrypt" || name == "fsa:scrypt") return make_scrypt_scheme(options);
    if (name == "sha512crypt" || name == "sha512_crypt" || name == "passlib:sha512_crypt")
        return make_sha512crypt_scheme(options);
    if (name == "plaintext" || name == "fsa:plaintext" || name == "passlib:plaintext") return make_plaintext_scheme();
    if (name == "b64" || name == "fsa:b64") return make_b64_scheme();
    if (name == "a85" || name == "fsa:a85") return make_a85_scheme();
    throw std::invalid_argument("unexpected password scheme: " + std::string(name));
}

std::unique_ptr<PasswordScheme> make_password_scheme(std::string_view name, const PasswordOptions& options) {
    OptionReader reader(options);
    auto scheme = make_scheme(name, reader);
    if (const auto unused = reader.unused(); !unused.empty())
        throw std::invalid_argument("unexpected password option: " + unused.front());
    return scheme;
}

}  // namespace simpleauth::detail
