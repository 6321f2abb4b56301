// Helpers shared by the JWT/JWS tests: test data files, hex, and JWK (RFC 7517/7518 §6) to PEM.
//
// JWK is converted to a PEM public key and then goes through jws_public_key, the same loader the
// configuration uses, so the Wycheproof JWK vectors also exercise the key checks of jwt_keys.cpp.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "tokens/base64.hpp"

namespace jwt_test {

inline std::filesystem::path testdata(const std::string& name) {
    // __FILE__ is absolute in CMake builds: tests/unit/tokens/ -> tests/unit/testdata/
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "testdata" / name;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    // Missing test data fails, it never skips (CI always has it).
    if (!in) throw std::runtime_error("missing test data " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string key_pem(const std::string& name) {
    return read_file(testdata("jwt_keys/" + name));
}

inline nlohmann::json wycheproof(const std::string& file) {
    return nlohmann::json::parse(
        read_file(std::filesystem::path(SIMPLEAUTH_SHARED_DIR) / "testdata" / "wycheproof" / file));
}

inline std::string hex_decode(const std::string& hex) {
    if (hex.size() % 2 != 0) throw std::invalid_argument("odd hex length");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

inline std::string b64url(const nlohmann::json& jwk, const char* member) {
    if (!jwk.contains(member) || !jwk.at(member).is_string()) {
        throw std::invalid_argument(std::string("JWK without \"") + member + "\"");
    }
    const auto decoded = simpleauth::detail::base64url_decode(jwk.at(member).get<std::string>());
    if (!decoded) throw std::invalid_argument(std::string("JWK member \"") + member + "\" is not base64url");
    return *decoded;
}

struct PkeyFree {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline std::string public_pem(EVP_PKEY* pkey) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (bio == nullptr || PEM_write_bio_PUBKEY(bio, pkey) != 1) {
        BIO_free(bio);
        throw std::runtime_error("PEM_write_bio_PUBKEY failed");
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return pem;
}

inline std::string private_pem(EVP_PKEY* pkey) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (bio == nullptr || PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        BIO_free(bio);
        throw std::runtime_error("PEM_write_bio_PrivateKey failed");
    }
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return pem;
}

// EVP_PKEY_fromdata from an OSSL_PARAM list built by `add`.
template <typename Add>
PkeyPtr from_params(const char* type, Add add) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    if (bld == nullptr) throw std::runtime_error("OSSL_PARAM_BLD_new failed");
    std::vector<BIGNUM*> bns;
    add(bld, bns);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY* pkey = nullptr;
    const bool ok = params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1 &&
                    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    for (BIGNUM* bn : bns) BN_free(bn);
    if (!ok) {
        EVP_PKEY_free(pkey);
        throw std::invalid_argument(std::string("OpenSSL refuses this ") + type + " public key");
    }
    return PkeyPtr(pkey);
}

inline BIGNUM* to_bn(const std::string& bytes, std::vector<BIGNUM*>& owned) {
    BIGNUM* bn =
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr);
    if (bn == nullptr) throw std::runtime_error("BN_bin2bn failed");
    owned.push_back(bn);
    return bn;
}

// Public part of a JWK as a PEM SubjectPublicKeyInfo. Throws std::invalid_argument for what is not a
// usable public key: unknown kty or crv, missing members, EC coordinates of the wrong length
// (RFC 7518 §6.2.1.2), points OpenSSL refuses.
inline std::string jwk_to_public_pem(const nlohmann::json& jwk) {
    const std::string kty = jwk.value("kty", "");
    if (kty == "RSA") {
        const std::string n = b64url(jwk, "n");
        const std::string e = b64url(jwk, "e");
        return public_pem(from_params("RSA", [&](OSSL_PARAM_BLD* bld, std::vector<BIGNUM*>& bns) {
                              OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, to_bn(n, bns));
                              OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, to_bn(e, bns));
                          }).get());
    }
    if (kty == "EC") {
        const std::string crv = jwk.value("crv", "");
        const char* group = crv == "P-256"   ? "prime256v1"
                            : crv == "P-384" ? "secp384r1"
                            : crv == "P-521" ? "secp521r1"
                                             : nullptr;
        const std::size_t size = crv == "P-256" ? 32 : crv == "P-384" ? 48 : 66;
        if (group == nullptr) throw std::invalid_argument("unknown EC curve " + crv);
        const std::string x = b64url(jwk, "x");
        const std::string y = b64url(jwk, "y");
        if (x.size() != size || y.size() != size) throw std::invalid_argument("EC coordinates of the wrong length");
        const std::string point = std::string(1, '\x04') + x + y;
        return public_pem(from_params("EC", [&](OSSL_PARAM_BLD* bld, std::vector<BIGNUM*>&) {
                              OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
                              OSSL_PARAM_BLD_push_octet_string(
                                  bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
                          }).get());
    }
    if (kty == "OKP") {
        if (jwk.value("crv", "") != "Ed25519") throw std::invalid_argument("unsupported OKP curve");
        const std::string x = b64url(jwk, "x");
        PkeyPtr pkey(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x.data()), x.size()));
        if (!pkey) throw std::invalid_argument("bad Ed25519 public key");
        return public_pem(pkey.get());
    }
    throw std::invalid_argument("JWK kty \"" + kty + "\" is not a public key type");
}

}  // namespace jwt_test
