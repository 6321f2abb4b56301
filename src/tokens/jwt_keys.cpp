#include "tokens/jwt_keys.hpp"

#include <array>
#include <mutex>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "tokens/jws_algorithms.hpp"

namespace simpleauth::detail {

// Lazily parsed keys of settings never given to jwt_load_keys; shared by copies of the settings.
struct JwtKeyCache {
    std::mutex mutex;
    std::shared_ptr<const JwtKeys> keys;
};

std::shared_ptr<JwtKeyCache> jwt_new_key_cache() {
    return std::make_shared<JwtKeyCache>();
}

namespace {

struct BnFree {
    void operator()(BIGNUM* bn) const noexcept { BN_free(bn); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* pkey) {
    return std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free);
}

const JwsAlgorithm& algorithm_or_throw(std::string_view alg) {
    const JwsAlgorithm* found = find_jws_algorithm(alg);
    if (found == nullptr) throw std::invalid_argument("unsupported JWT algorithm " + std::string(alg));
    return *found;
}

struct PemBlock {
    std::string label;
    std::string_view text;  // from -----BEGIN to the end of its -----END line
};

// The first PEM block, skipping the "EC PARAMETERS" block `openssl ecparam -genkey` writes first.
std::optional<PemBlock> first_pem_block(std::string_view pem) {
    constexpr std::string_view kBegin = "-----BEGIN ";
    std::size_t pos = 0;
    while ((pos = pem.find(kBegin, pos)) != std::string_view::npos) {
        const std::size_t label_start = pos + kBegin.size();
        const std::size_t label_end = pem.find("-----", label_start);
        if (label_end == std::string_view::npos) return std::nullopt;
        std::string label(pem.substr(label_start, label_end - label_start));
        const std::string end_marker = "-----END " + label + "-----";
        const std::size_t end = pem.find(end_marker, label_end);
        if (end == std::string_view::npos) return std::nullopt;
        if (label != "EC PARAMETERS") {
            return PemBlock{std::move(label), pem.substr(pos, end + end_marker.size() - pos)};
        }
        pos = end + end_marker.size();
    }
    return std::nullopt;
}

// OSSL_DECODER rather than the type-specific PEM readers: one call for every key type, no
// deprecated RSA/EC structures, and no passphrase prompt (none is configured, so an encrypted key
// simply fails).
std::shared_ptr<EVP_PKEY> decode_pem(std::string_view block, int selection) {
    EVP_PKEY* pkey = nullptr;
    OSSL_DECODER_CTX* ctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", nullptr, nullptr, selection, nullptr, nullptr);
    if (ctx == nullptr) throw std::runtime_error("OpenSSL has no PEM key decoder");
    const auto* data = reinterpret_cast<const unsigned char*>(block.data());
    std::size_t len = block.size();
    const int ok = OSSL_DECODER_from_data(ctx, &data, &len);
    OSSL_DECODER_CTX_free(ctx);
    if (ok != 1 || pkey == nullptr) {
        EVP_PKEY_free(pkey);
        return nullptr;
    }
    return own(pkey);
}

std::shared_ptr<EVP_PKEY> public_key_of_certificate(std::string_view block) {
    BIO* bio = BIO_new_mem_buf(block.data(), static_cast<int>(block.size()));
    if (bio == nullptr) throw std::runtime_error("OpenSSL BIO allocation failed");
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (cert == nullptr) return nullptr;
    EVP_PKEY* pkey = X509_get_pubkey(cert);  // a new reference, independent of the certificate
    X509_free(cert);
    return pkey == nullptr ? nullptr : own(pkey);
}

BnPtr bn_param(const EVP_PKEY* pkey, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1)
        throw std::invalid_argument("RSA key without " + std::string(name));
    return BnPtr(bn);
}

// ROCA (CVE-2017-15361): the Infineon primes are k*M + (65537^a mod M) with M a primorial, so for every
// small prime p dividing M the modulus is a power of 65537 mod p. An ordinary modulus fails this for
// some p with overwhelming probability. The primes 3..167 divide M for every affected key size.
constexpr std::array<unsigned, 38> kRocaPrimes = {3,   5,   7,   11,  13,  17,  19,  23,  29,  31,  37,  41,  43,
                                                  47,  53,  59,  61,  67,  71,  73,  79,  83,  89,  97,  101, 103,
                                                  107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};

bool is_power_of_65537_mod(unsigned residue, unsigned p) noexcept {
    const unsigned g = 65537U % p;
    unsigned x = 1;
    for (unsigned i = 0; i < p; ++i) {
        if (x == residue) return true;
        x = (x * g) % p;
        if (x == 1) break;
    }
    return false;
}

bool roca_fingerprint(const BIGNUM* n) {
    for (const unsigned p : kRocaPrimes) {
        const BN_ULONG r = BN_mod_word(n, p);
        if (r == static_cast<BN_ULONG>(-1)) throw std::runtime_error("OpenSSL BN_mod_word failed");
        if (!is_power_of_65537_mod(static_cast<unsigned>(r), p)) return false;
    }
    return true;
}

void check_rsa(const JwsAlgorithm& alg, const EVP_PKEY* pkey) {
    // EVP_PKEY_is_a takes a non-const key in OpenSSL 3.0 but does not modify it.
    if (EVP_PKEY_is_a(const_cast<EVP_PKEY*>(pkey), "RSA") != 1) {
        throw std::invalid_argument(std::string(alg.name) + " needs an RSA key");
    }
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits < 2048) {
        throw std::invalid_argument("RSA key of " + std::to_string(bits) + " bits: " + std::string(alg.name) +
                                    " needs at least 2048 (RFC 7518 §3.3)");
    }
    const BnPtr e = bn_param(pkey, OSSL_PKEY_PARAM_RSA_E);
    // e = 1 makes the "signature" equal to the padded message: anyone can forge. Even e is not RSA.
    if (!BN_is_odd(e.get()) || BN_is_one(e.get()))
        throw std::invalid_argument("RSA key with an invalid public exponent");
    if (roca_fingerprint(bn_param(pkey, OSSL_PKEY_PARAM_RSA_N).get())) {
        throw std::invalid_argument("RSA key made by a library with the ROCA weakness (CVE-2017-15361): replace it");
    }
}

void check_ec(const JwsAlgorithm& alg, const EVP_PKEY* pkey) {
    if (EVP_PKEY_is_a(const_cast<EVP_PKEY*>(pkey), "EC") != 1) {
        throw std::invalid_argument(std::string(alg.name) + " needs an EC key");
    }
    std::array<char, 64> group{};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &len) != 1 ||
        std::string_view(group.data(), len) != alg.curve) {
        throw std::invalid_argument(std::string(alg.name) + " needs a key on curve " + std::string(alg.curve) +
                                    " (RFC 7518 §3.4)");
    }
    // Decoding already refuses points off the curve; this also refuses the point at infinity.
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(pkey), nullptr);
    const int ok = ctx == nullptr ? 0 : EVP_PKEY_public_check(ctx);
    EVP_PKEY_CTX_free(ctx);
    if (ok != 1) throw std::invalid_argument("invalid EC public key");
}

void check_fits(const JwsAlgorithm& alg, const EVP_PKEY* pkey) {
    switch (alg.family) {
        case JwsFamily::rsa_pkcs1:
        case JwsFamily::rsa_pss:
            return check_rsa(alg, pkey);
        case JwsFamily::ecdsa:
            return check_ec(alg, pkey);
        case JwsFamily::eddsa:
            if (EVP_PKEY_is_a(const_cast<EVP_PKEY*>(pkey), "ED25519") != 1) {
                throw std::invalid_argument("EdDSA needs an Ed25519 key");
            }
            return;
        case JwsFamily::hmac:
            break;
    }
    throw std::invalid_argument(std::string(alg.name) + " does not use a public key");
}

const JwsAlgorithm& asymmetric_or_throw(std::string_view alg) {
    const JwsAlgorithm& found = algorithm_or_throw(alg);
    if (found.family == JwsFamily::hmac)
        throw std::invalid_argument(std::string(alg) + " uses a secret, not a PEM key");
    return found;
}

// Same rule as PyJWT's HMAC key check: PEM armour or an OpenSSH public key line means "this is a
// public key", and verifying HMACs with it would let anyone who has it sign.
bool looks_like_public_key(std::string_view secret) noexcept {
    if (secret.find("-----BEGIN ") != std::string_view::npos) return true;
    for (std::string_view prefix : {"ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-"}) {
        if (secret.find(prefix) != std::string_view::npos) return true;
    }
    return false;
}

// Key ids are looked up, logged in start-up errors and put in headers: bounded and printable.
void check_kid(std::string_view kid, std::string_view directive) {
    if (kid.empty() || kid.size() > kJwtMaxKidLength) {
        throw std::invalid_argument(std::string(directive) + ": a key id must have 1 to " +
                                    std::to_string(kJwtMaxKidLength) + " bytes");
    }
    for (const char c : kid) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            throw std::invalid_argument(std::string(directive) + ": a key id must not hold control characters");
        }
    }
}

// The keys selected by `kid` (FSA_TOKEN_KID names the current key, FSA_TOKEN_KEYS the others), each
// checked as the current one is.
void parse_key_ids(const JwtSettings& s, JwtKeys& keys, bool hmac) {
    if (!s.kid && s.other_keys.empty()) return;
    auto& by_kid = keys.by_kid.emplace();
    if (s.kid) {
        check_kid(*s.kid, "FSA_TOKEN_KID");
        by_kid.emplace(*s.kid, keys.verify);
    }
    for (const auto& [kid, text] : s.other_keys) {
        check_kid(kid, "FSA_TOKEN_KEYS");
        if (kid == s.kid) {
            throw std::invalid_argument("FSA_TOKEN_KEYS: key id \"" + kid +
                                        "\" is FSA_TOKEN_KID, the current key (FSA_TOKEN_SECRET): list only the "
                                        "other keys");
        }
        try {
            by_kid.emplace(kid, hmac ? jws_hmac_key(s.algorithm, text) : jws_public_key(s.algorithm, text));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("FSA_TOKEN_KEYS key \"" + kid + "\": " + e.what());
        }
    }
}

std::shared_ptr<const JwtKeys> parse_keys(const JwtSettings& s) {
    auto keys = std::make_shared<JwtKeys>();
    keys->algorithm = s.algorithm;
    keys->secret = s.secret;
    keys->signing_key = s.signing_key;
    keys->kid = s.kid;
    keys->other_keys = s.other_keys;
    const JwsAlgorithm& alg = algorithm_or_throw(s.algorithm);
    if (alg.family == JwsFamily::hmac) {
        if (!s.signing_key.empty()) {
            throw std::invalid_argument(s.algorithm +
                                        " signs with FSA_TOKEN_SECRET: FSA_TOKEN_SIGN is for public-key "
                                        "algorithms");
        }
        keys->verify = jws_hmac_key(s.algorithm, s.secret);
        keys->sign = keys->verify;
        parse_key_ids(s, *keys, true);
        return keys;
    }
    keys->verify = jws_public_key(s.algorithm, s.secret);
    if (!s.signing_key.empty()) {
        keys->sign = jws_private_key(s.algorithm, s.signing_key);
        // Tokens signed with a key the verifier does not hold would all be refused: say so at startup.
        if (EVP_PKEY_eq(keys->verify.pkey.get(), keys->sign->pkey.get()) != 1) {
            throw std::invalid_argument(
                "the private key (FSA_TOKEN_SIGN) does not match the public key "
                "(FSA_TOKEN_SECRET)");
        }
    }
    parse_key_ids(s, *keys, false);
    return keys;
}

bool same_source(const JwtKeys& keys, const JwtSettings& s) noexcept {
    // not a secret: configuration against itself
    return keys.algorithm == s.algorithm && keys.secret == s.secret && keys.signing_key == s.signing_key &&
           keys.kid == s.kid && keys.other_keys == s.other_keys;
}

}  // namespace

ParsedKey jws_hmac_key(std::string_view alg, std::string_view secret) {
    if (algorithm_or_throw(alg).family != JwsFamily::hmac) {
        throw std::invalid_argument(std::string(alg) + " does not use an HMAC secret");
    }
    if (secret.empty()) throw std::invalid_argument("empty JWT secret");
    if (looks_like_public_key(secret)) {
        throw std::invalid_argument("the " + std::string(alg) +
                                    " secret looks like a PEM or SSH key: an HMAC secret must never be a public key");
    }
    return ParsedKey{std::string(alg), std::string(secret), nullptr};
}

ParsedKey jws_public_key(std::string_view alg, std::string_view pem) {
    const JwsAlgorithm& found = asymmetric_or_throw(alg);
    const auto block = first_pem_block(pem);
    if (!block) throw std::invalid_argument("the " + std::string(alg) + " verification key is not a PEM public key");
    std::shared_ptr<EVP_PKEY> pkey;
    if (block->label == "PUBLIC KEY" || block->label == "RSA PUBLIC KEY") {
        pkey = decode_pem(block->text, EVP_PKEY_PUBLIC_KEY);
    } else if (block->label == "CERTIFICATE") {
        pkey = public_key_of_certificate(block->text);
    } else if (block->label.find("PRIVATE KEY") != std::string::npos) {
        throw std::invalid_argument(
            "the verification key is a private key: give the public key (or a certificate), "
            "the private key goes to FSA_TOKEN_SIGN");
    } else {
        throw std::invalid_argument("unexpected PEM block \"" + block->label + "\" for a verification key");
    }
    if (!pkey) throw std::invalid_argument("the " + std::string(alg) + " verification key does not parse");
    check_fits(found, pkey.get());
    return ParsedKey{std::string(alg), {}, std::move(pkey)};
}

ParsedKey jws_private_key(std::string_view alg, std::string_view pem) {
    const JwsAlgorithm& found = asymmetric_or_throw(alg);
    const auto block = first_pem_block(pem);
    if (!block || block->label.find("PRIVATE KEY") == std::string::npos) {
        throw std::invalid_argument("the " + std::string(alg) + " signing key is not a PEM private key");
    }
    if (block->label == "ENCRYPTED PRIVATE KEY" || block->text.find("Proc-Type:") != std::string_view::npos) {
        throw std::invalid_argument("encrypted private keys are not supported: give the key unencrypted");
    }
    auto pkey = decode_pem(block->text, EVP_PKEY_KEYPAIR);
    if (!pkey) throw std::invalid_argument("the " + std::string(alg) + " signing key does not parse");
    check_fits(found, pkey.get());
    return ParsedKey{std::string(alg), {}, std::move(pkey)};
}

bool rsa_modulus_has_roca_fingerprint(std::string_view modulus) {
    BnPtr n(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(modulus.data()), static_cast<int>(modulus.size()), nullptr));
    if (!n) throw std::runtime_error("OpenSSL BN_bin2bn failed");
    return roca_fingerprint(n.get());
}

void jwt_load_keys(JwtSettings& settings) {
    settings.keys.reset();
    settings.keys = parse_keys(settings);
}

std::shared_ptr<const JwtKeys> jwt_keys_of(const JwtSettings& settings) {
    if (settings.keys && same_source(*settings.keys, settings)) return settings.keys;
    auto parse_or_record = [&settings]() -> std::shared_ptr<const JwtKeys> {
        try {
            return parse_keys(settings);
        } catch (const std::exception& e) {
            auto failed = std::make_shared<JwtKeys>();
            failed->algorithm = settings.algorithm;
            failed->secret = settings.secret;
            failed->signing_key = settings.signing_key;
            failed->kid = settings.kid;
            failed->other_keys = settings.other_keys;
            failed->error = e.what();
            return failed;
        }
    };
    if (!settings.key_cache) return parse_or_record();
    const std::lock_guard<std::mutex> lock(settings.key_cache->mutex);
    if (!settings.key_cache->keys || !same_source(*settings.key_cache->keys, settings)) {
        settings.key_cache->keys = parse_or_record();
    }
    return settings.key_cache->keys;
}

}  // namespace simpleauth::detail
