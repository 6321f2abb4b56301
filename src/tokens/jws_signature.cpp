#include "tokens/jws_signature.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "tokens/ecdsa_p1363.hpp"
#include "tokens/hmac.hpp"
#include "tokens/jws_algorithms.hpp"

namespace simpleauth::detail {
namespace {

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* bytes(std::string_view s) noexcept {
    return reinterpret_cast<const unsigned char*>(s.data());
}

// EVP wants a null digest name for EdDSA (the hash is part of the scheme) and a name otherwise.
const char* digest_name(const JwsAlgorithm& alg) noexcept {
    return alg.digest.empty() ? nullptr : alg.digest.data();  // the table's literals are NUL-terminated
}

// RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash. Fixing the salt length makes
// OpenSSL refuse any other on verification instead of recovering it from the signature.
bool configure_pss(EVP_PKEY_CTX* pctx, const JwsAlgorithm& alg) {
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, digest_name(alg), nullptr) == 1;
}

MdCtxPtr new_md_ctx() {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx) throw std::runtime_error("OpenSSL EVP_MD_CTX allocation failed");
    return ctx;
}

bool verify_asymmetric(const JwsAlgorithm& alg, EVP_PKEY* pkey, std::string_view input, std::string_view signature) {
    std::string der;  // ECDSA only
    switch (alg.family) {
        case JwsFamily::rsa_pkcs1:
        case JwsFamily::rsa_pss:
            // RFC 8017 §8.1.2/§8.2.2 step 1: exactly k octets; no leading zeros added or dropped.
            if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(pkey))) return false;
            break;
        case JwsFamily::ecdsa: {
            auto converted = ecdsa_p1363_to_der(signature, alg.size);
            if (!converted) return false;
            der = std::move(*converted);
            signature = der;
            break;
        }
        case JwsFamily::eddsa:
            break;
        case JwsFamily::hmac:
            return false;
    }
    const MdCtxPtr ctx = new_md_ctx();
    EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
    if (EVP_DigestVerifyInit_ex(ctx.get(), &pctx, digest_name(alg), nullptr, nullptr, pkey, nullptr) != 1) {
        throw std::runtime_error("OpenSSL EVP_DigestVerifyInit_ex failed");
    }
    if (alg.family == JwsFamily::rsa_pss && !configure_pss(pctx, alg)) {
        throw std::runtime_error("OpenSSL refused the RSASSA-PSS parameters");
    }
    // 1 is valid; 0 and negative values (malformed signature) are both "not valid".
    return EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(input), input.size()) == 1;
}

std::string sign_asymmetric(const JwsAlgorithm& alg, EVP_PKEY* pkey, std::string_view input) {
    const MdCtxPtr ctx = new_md_ctx();
    EVP_PKEY_CTX* pctx = nullptr;
    if (EVP_DigestSignInit_ex(ctx.get(), &pctx, digest_name(alg), nullptr, nullptr, pkey, nullptr) != 1) {
        throw std::invalid_argument("this key cannot sign with " + std::string(alg.name));
    }
    if (alg.family == JwsFamily::rsa_pss && !configure_pss(pctx, alg)) {
        throw std::runtime_error("OpenSSL refused the RSASSA-PSS parameters");
    }
    std::size_t len = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes(input), input.size()) != 1) {
        throw std::runtime_error("OpenSSL EVP_DigestSign failed");
    }
    std::string signature(len, '\0');
    if (EVP_DigestSign(
            ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len, bytes(input), input.size()) != 1) {
        throw std::runtime_error("OpenSSL EVP_DigestSign failed");
    }
    signature.resize(len);
    if (alg.family == JwsFamily::ecdsa) return ecdsa_der_to_p1363(signature, alg.size);
    return signature;
}

}  // namespace

bool jws_signature_valid(std::string_view alg,
                         const ParsedKey& key,
                         std::string_view signing_input,
                         std::string_view signature) {
    const JwsAlgorithm* found = find_jws_algorithm(alg);
    // One key, one algorithm (RFC 8725 §3.1): a key is never tried with an algorithm it was not checked for.
    if (found == nullptr || key.algorithm != found->name) return false;
    if (found->family == JwsFamily::hmac) {
        // An empty secret would let anyone mint tokens: never treat a MAC under it as proof.
        if (key.secret.empty()) return false;
        // Full-length constant-time comparison: a truncated or empty MAC has another size and fails
        // (RFC 7518 §3.2; no prefix acceptance).
        return constant_time_equal(hmac(found->digest, key.secret, signing_input), signature);
    }
    if (!key.pkey) return false;
    return verify_asymmetric(*found, key.pkey.get(), signing_input, signature);
}

std::string jws_signature(std::string_view alg, const ParsedKey& key, std::string_view signing_input) {
    const JwsAlgorithm* found = find_jws_algorithm(alg);
    if (found == nullptr || key.algorithm != found->name) {
        throw std::invalid_argument("the key was not made for JWS algorithm " + std::string(alg));
    }
    if (found->family == JwsFamily::hmac) {
        if (key.secret.empty()) throw std::invalid_argument("empty JWT secret");
        return hmac(found->digest, key.secret, signing_input);
    }
    if (!key.pkey) throw std::invalid_argument("no private key for " + std::string(alg));
    return sign_asymmetric(*found, key.pkey.get(), signing_input);
}

}  // namespace simpleauth::detail
