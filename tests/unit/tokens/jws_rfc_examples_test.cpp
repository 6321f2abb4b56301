// The signed examples printed in RFC 7515 Appendix A.2 (RS256), A.3 (ES256), A.4 (ES512) and
// RFC 8037 Appendix A.4 (Ed25519), checked at the JWS level (their payloads are not our JWT claims:
// no exp/aud). Keys are the RFCs' JWKs, loaded through the configuration's PEM loader.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tokens/base64.hpp"
#include "tokens/jwt.hpp"
#include "tokens/jwt_keys.hpp"
#include "tokens/jwt_test_support.hpp"

namespace sd = simpleauth::detail;

namespace {

// RFC 7515 A.1-A.3 share this payload: {"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}
const std::string kJoePayload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const std::string kJoeJson = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

sd::ParsedKey key_from_jwk(const std::string& alg, const nlohmann::json& jwk) {
    return sd::jws_public_key(alg, jwt_test::jwk_to_public_pem(jwk));
}

void expect_verifies(const std::string& alg,
                     const sd::ParsedKey& key,
                     const std::string& jws,
                     const std::string& payload) {
    const auto r = sd::jws_verify(alg, key, jws);
    ASSERT_TRUE(std::holds_alternative<std::string>(r)) << alg << ": " << sd::to_string(std::get<sd::JwtError>(r));
    EXPECT_EQ(std::get<std::string>(r), payload);
    // Any change to the signing input breaks it.
    std::string tampered = jws;
    tampered[jws.find('.') + 3] = tampered[jws.find('.') + 3] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(std::holds_alternative<std::string>(sd::jws_verify(alg, key, tampered))) << alg;
}

}  // namespace

TEST(RfcExamples, Rfc7515A2Rs256) {
    const auto key = key_from_jwk("RS256",
                                  {{"kty", "RSA"},
                                   {"n",
                                    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-"
                                    "4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-"
                                    "pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-"
                                    "bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2Ca"
                                    "pHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_"
                                    "h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb5"
                                    "4h4FRWyuXpoQ"},
                                   {"e", "AQAB"}});
    const std::string jws =
        "eyJhbGciOiJSUzI1NiJ9." + kJoePayload +
        ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
        "O8W2Fp5jujGbds9uJdbF9CUAr7t"
        "1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--"
        "xi12jz"
        "DwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_"
        "IoypGlUPQGe"
        "77Rw";
    expect_verifies("RS256", key, jws, kJoeJson);
}

TEST(RfcExamples, Rfc7515A3Es256) {
    const auto key = key_from_jwk("ES256",
                                  {{"kty", "EC"},
                                   {"crv", "P-256"},
                                   {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                                   {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}});
    const std::string jws = "eyJhbGciOiJFUzI1NiJ9." + kJoePayload +
                            ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    expect_verifies("ES256", key, jws, kJoeJson);
}

TEST(RfcExamples, Rfc7515A4Es512) {
    const auto key = key_from_jwk(
        "ES512",
        {{"kty", "EC"},
         {"crv", "P-521"},
         {"x", "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk"},
         {"y", "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"}});
    const std::string jws =
        "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-"
        "KGDKB34XO0"
        "aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
    expect_verifies("ES512", key, jws, "Payload");
}

TEST(RfcExamples, Rfc8037A4Ed25519) {
    const std::string d = *sd::base64url_decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
    const std::string x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    const std::string jws =
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    const auto key = key_from_jwk("EdDSA", {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", x}});
    expect_verifies("EdDSA", key, jws, "Example of Ed25519 signing");
    // Ed25519 is deterministic: the RFC's private key reproduces the RFC's signature byte for byte
    // through our signer (RFC 8037 A.1 d, A.2 x derived from it).
    jwt_test::PkeyPtr priv(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(d.data()), d.size()));
    ASSERT_TRUE(priv);
    const auto signer = sd::jws_private_key("EdDSA", jwt_test::private_pem(priv.get()));
    EXPECT_EQ(sd::jws_sign("EdDSA", signer, R"({"alg":"EdDSA"})", "Example of Ed25519 signing"), jws);
}
