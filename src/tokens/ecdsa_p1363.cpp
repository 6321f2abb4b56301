#include "tokens/ecdsa_p1363.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>

namespace simpleauth::detail {
namespace {

struct SigFree {
    void operator()(ECDSA_SIG* sig) const noexcept { ECDSA_SIG_free(sig); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

const unsigned char* bytes(std::string_view s) noexcept {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::optional<std::string> ecdsa_p1363_to_der(std::string_view raw, std::size_t coordinate_size) {
    if (coordinate_size == 0 || raw.size() != 2 * coordinate_size) return std::nullopt;
    const int n = static_cast<int>(coordinate_size);
    BIGNUM* r = BN_bin2bn(bytes(raw), n, nullptr);
    BIGNUM* s = BN_bin2bn(bytes(raw) + n, n, nullptr);
    SigPtr sig(ECDSA_SIG_new());
    if (r == nullptr || s == nullptr || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        throw std::runtime_error("OpenSSL failed to build an ECDSA signature");
    }
    // r and s now belong to sig. Range checks (0 < r, s < n) are left to the verifier, which knows n.
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0) throw std::runtime_error("OpenSSL failed to encode an ECDSA signature");
    std::string der(static_cast<std::size_t>(len), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_ECDSA_SIG(sig.get(), &out) != len) throw std::runtime_error("OpenSSL failed to encode an ECDSA signature");
    return der;
}

std::string ecdsa_der_to_p1363(std::string_view der, std::size_t coordinate_size) {
    const unsigned char* in = bytes(der);
    SigPtr sig(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
    if (!sig || in != bytes(der) + der.size()) throw std::runtime_error("OpenSSL returned a malformed ECDSA signature");
    const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
    const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
    std::string raw(2 * coordinate_size, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    const int n = static_cast<int>(coordinate_size);
    // BN_bn2binpad fails (-1) rather than truncating an integer that does not fit.
    if (BN_bn2binpad(r, out, n) != n || BN_bn2binpad(s, out + n, n) != n) {
        throw std::runtime_error("ECDSA signature does not fit the curve size");
    }
    return raw;
}

}  // namespace simpleauth::detail
