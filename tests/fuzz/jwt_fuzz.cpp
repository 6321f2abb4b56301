// Fuzz target: JWT in compact JWS form (src/tokens/jwt.hpp) with HS256 settings and with an ES256 key
// (tests/unit/testdata/jwt_keys), and the base64/base64url codecs (src/tokens/base64.hpp).
// The first byte picks the mode; the modes that sign the fuzzed header/claims first reach the claim
// checks, which an arbitrary token never does (its MAC fails).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz_common.hpp"
#include "tokens/base64.hpp"
#include "tokens/jwt.hpp"
#include "tokens/jwt_keys.hpp"

namespace sd = simpleauth::detail;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecret = "a JWT secret of at least 32 bytes for the fuzzer";
const std::string kAudience = "acme";

struct Keys {
    sd::JwtSettings hs, es;
    sd::ParsedKey es_private;
    Keys() {
        hs.algorithm = "HS256";
        hs.secret = kSecret;
        hs.leeway = 5;
        sd::jwt_load_keys(hs);
        std::string dir = SA_FUZZ_KEYS_DIR;
        es.algorithm = "ES256";
        es.secret = fuzz::read_file(dir + "/p256_public.pem");
        es.signing_key = fuzz::read_file(dir + "/p256_private.pem");
        sd::jwt_load_keys(es);
        es_private = sd::jws_private_key("ES256", es.signing_key);
    }
};

const Keys& keys() {
    static const Keys k;
    return k;
}

// Properties of any accepted token.
void check_claims(const std::variant<sd::JwtClaims, sd::JwtError>& r, std::string_view audience = kAudience) {
    if (const auto* c = std::get_if<sd::JwtClaims>(&r)) {
        FUZZ_CHECK(c->exp > kNow - 5);
        bool found = false;
        for (const auto& a : c->aud) found = found || a == audience;
        FUZZ_CHECK(found);
    } else {
        FUZZ_CHECK(!sd::to_string(std::get<sd::JwtError>(r)).empty());
    }
}

void check_codecs(std::string_view x) {
    FUZZ_CHECK(sd::base64_decode(sd::base64_encode(x)) == std::string(x));
    FUZZ_CHECK(sd::base64url_decode(sd::base64url_encode(x)) == std::string(x));
    // strict decoders: whatever decodes is the one canonical encoding of its bytes
    if (auto d = sd::base64_decode(x)) FUZZ_CHECK(sd::base64_encode(*d) == x);
    if (auto d = sd::base64url_decode(x)) FUZZ_CHECK(sd::base64url_encode(*d) == x);
    FUZZ_CHECK(sd::base64_encode(x).size() % 4 == 0);
    FUZZ_CHECK(sd::base64url_encode(x).find_first_of("=+/") == std::string::npos);
}

// When a token with a fuzzed header passed, its header must be a JSON object with our alg and no crit.
void check_header(std::string_view header_json, std::string_view alg) {
    auto h = nlohmann::json::parse(header_json, nullptr, false);
    FUZZ_CHECK(h.is_object());
    FUZZ_CHECK(h.contains("alg") && h["alg"].is_string() && h["alg"].get<std::string>() == alg);
    FUZZ_CHECK(!h.contains("crit"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Keys& k = keys();
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    switch (data[0] % 7) {
    case 0: {  // an arbitrary token, HS256
        auto r = sd::jwt_verify(k.hs, input, kAudience, std::nullopt, kNow);
        check_claims(r);
        if (std::holds_alternative<sd::JwtClaims>(r)) {
            // accepted: canonical, so signing its own header and payload again gives the same bytes
            auto dot1 = input.find('.'), dot2 = input.rfind('.');
            auto header = sd::base64url_decode(input.substr(0, dot1));
            auto payload = sd::base64url_decode(input.substr(dot1 + 1, dot2 - dot1 - 1));
            FUZZ_CHECK(header && payload);
            FUZZ_CHECK(sd::jws_sign_hmac("HS256", kSecret, *header, *payload) == input);
        }
        auto raw = sd::jws_verify_hmac("HS256", kSecret, input);
        FUZZ_CHECK(std::holds_alternative<std::string>(raw) || !std::holds_alternative<sd::JwtClaims>(r));
        check_claims(sd::jwt_verify(k.hs, input, kAudience, std::string_view("issuer"), kNow));
        break;
    }
    case 1:  // an arbitrary token, ES256
        check_claims(sd::jwt_verify(k.es, input, kAudience, std::nullopt, kNow));
        break;
    case 2:  // fuzzed claims under a valid HS256 MAC
        check_claims(sd::jwt_verify(k.hs, sd::jws_sign_hmac("HS256", kSecret, R"({"alg":"HS256","typ":"JWT"})", input),
                                    kAudience, std::nullopt, kNow));
        break;
    case 3: {  // fuzzed header and claims under a valid HS256 MAC: header 0xFF claims
        fuzz::Fields f(data + 1, size - 1);
        std::string_view header = f.next(), claims = f.rest();
        auto r = sd::jwt_verify(k.hs, sd::jws_sign_hmac("HS256", kSecret, header, claims), kAudience,
                                std::string_view("issuer"), kNow);
        check_claims(r);
        if (std::holds_alternative<sd::JwtClaims>(r)) check_header(header, "HS256");
        break;
    }
    case 4: {  // fuzzed header and claims under a valid ES256 signature
        fuzz::Fields f(data + 1, size - 1);
        std::string_view header = f.next(), claims = f.rest();
        if (header.empty()) header = R"({"alg":"ES256","typ":"JWT"})";
        auto r = sd::jwt_verify(k.es, sd::jws_sign("ES256", k.es_private, header, claims), kAudience, std::nullopt,
                                kNow);
        check_claims(r);
        if (std::holds_alternative<sd::JwtClaims>(r)) check_header(header, "ES256");
        break;
    }
    case 5:
        check_codecs(input);
        break;
    case 6: {  // create -> verify round trip: sub 0xFF aud 0xFF iss 0xFF scope
        fuzz::Fields f(data + 1, size - 1);
        std::string_view sub = f.next(), aud = f.next(), iss = f.next(), scope = f.rest();
        std::optional<std::string_view> o_iss, o_scope;
        if (!iss.empty()) o_iss = iss;
        if (!scope.empty()) o_scope = scope;
        const sd::JwtSettings& s = (sub.size() % 2) ? k.es : k.hs;
        std::string token;
        try {
            token = sd::jwt_create(s, sub, aud, kNow + 3600, o_iss, o_scope);
        } catch (const std::invalid_argument&) {
            // only for strings that are not UTF-8
            FUZZ_CHECK(!fuzz::reference_utf8(sub) || !fuzz::reference_utf8(aud) || !fuzz::reference_utf8(iss) ||
                       !fuzz::reference_utf8(scope));
            break;
        }
        auto r = sd::jwt_verify(s, token, aud, o_iss, kNow);
        if (aud.empty()) {
            FUZZ_CHECK(std::holds_alternative<sd::JwtError>(r));
            break;
        }
        const auto* c = std::get_if<sd::JwtClaims>(&r);
        FUZZ_CHECK(c != nullptr);
        FUZZ_CHECK(c->sub == sub && c->exp == kNow + 3600 && c->aud.size() == 1 && c->aud[0] == aud);
        FUZZ_CHECK(c->iss == (o_iss ? std::optional<std::string>(std::string(*o_iss)) : std::nullopt));
        FUZZ_CHECK(c->scope == (o_scope ? std::optional<std::string>(std::string(*o_scope)) : std::nullopt));
        // expired one second after exp (+ leeway), and refused for another audience
        FUZZ_CHECK(std::holds_alternative<sd::JwtError>(sd::jwt_verify(s, token, aud, o_iss, kNow + 3600 + 6)));
        FUZZ_CHECK(std::holds_alternative<sd::JwtError>(sd::jwt_verify(s, token, std::string(aud) + "x", o_iss, kNow)));
        break;
    }
    }
    return 0;
}
