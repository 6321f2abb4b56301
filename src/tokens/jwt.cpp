#include "tokens/jwt.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"
#include "tokens/jws_algorithms.hpp"
#include "tokens/jws_signature.hpp"
#include "tokens/jwt_keys.hpp"

namespace simpleauth::detail {
namespace {

using nlohmann::json;

// Thrown by the parser callback to stop at the first duplicate name or excessive nesting.
struct RejectJson {};

constexpr int kMaxJsonDepth = 32;

// Parses a JSON object strictly: UTF-8 only (nlohmann rejects ill-formed UTF-8 and lone surrogates),
// no byte order mark (RFC 8259 §8.1 forbids emitting one, and nlohmann would skip it silently),
// duplicate member names rejected at any depth (RFC 7515 §4 allows reject or last-wins; last-wins
// lets two parsers disagree on a claim, so we reject), bounded nesting.
std::optional<json> parse_object(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
    std::vector<std::set<std::string>> names;  // one set per open object
    auto callback = [&names](int depth, json::parse_event_t event, json& parsed) -> bool {
        switch (event) {
            case json::parse_event_t::object_start:
                if (depth > kMaxJsonDepth) throw RejectJson{};
                names.emplace_back();
                break;
            case json::parse_event_t::array_start:
                if (depth > kMaxJsonDepth) throw RejectJson{};
                break;
            case json::parse_event_t::key:
                if (names.empty() || !names.back().insert(parsed.get<std::string>()).second) throw RejectJson{};
                break;
            case json::parse_event_t::object_end:
                if (!names.empty()) names.pop_back();
                break;
            default:
                break;
        }
        return true;
    };
    try {
        json value =
            json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
        if (!value.is_object()) return std::nullopt;
        return value;
    } catch (const RejectJson&) {
        return std::nullopt;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

enum class NumberStatus { absent, not_a_number, out_of_range, ok };

// A NumericDate claim (RFC 7519 §2): an integer or a number (PyJWT accepts both and truncates with
// int(); we do the same). `null` counts as absent, as PyJWT's required-claim check does. Booleans
// and strings are refused even though Python's int() would take them.
NumberStatus numeric_date(const json& claims, const char* name, std::int64_t& out) {
    const auto it = claims.find(name);
    if (it == claims.end() || it->is_null()) return NumberStatus::absent;
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return NumberStatus::out_of_range;
        out = static_cast<std::int64_t>(v);
        return NumberStatus::ok;
    }
    if (it->is_number_integer()) {
        out = it->get<std::int64_t>();
        return NumberStatus::ok;
    }
    if (it->is_number_float()) {
        const double v = std::trunc(it->get<double>());
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        if (!std::isfinite(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0) {
            return NumberStatus::out_of_range;
        }
        out = static_cast<std::int64_t>(v);
        return NumberStatus::ok;
    }
    return NumberStatus::not_a_number;
}

// Saturating arithmetic: a huge leeway or a far-future `now` must not wrap around into acceptance.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    }
    return r;
}

std::int64_t saturating_sub(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    }
    return r;
}

// Python's json.dumps(..., separators=(",", ":")) with its default ensure_ascii=True, which is what
// PyJWT uses: nlohmann's compact dump with ensure_ascii escapes the same characters the same way
// (control characters, `"`, `\`, and everything from U+007F as lowercase \uXXXX, surrogate pairs
// above the BMP).
std::string python_compact_json(const nlohmann::ordered_json& value) {
    try {
        return value.dump(-1, ' ', /*ensure_ascii=*/true);
    } catch (const nlohmann::ordered_json::type_error&) {
        throw std::invalid_argument("JWT claim is not valid UTF-8");
    }
}

// The keys a token may be verified with: `current`, or with key ids configured the one `by_kid` names.
struct KeyChoice {
    const ParsedKey* current = nullptr;  // null: the configured keys failed to load, nothing verifies
    const std::map<std::string, ParsedKey, std::less<>>* by_kid = nullptr;  // null: `kid` is not read
};

// Structure and header are reported first, whatever the keys, as with a wrong key.
std::variant<std::string, JwtError> verify_compact(const JwsAlgorithm* alg, KeyChoice keys, std::string_view token) {
    if (alg == nullptr) return JwtError::bad_algorithm;

    // Exactly three segments. Whitespace, padding and any other stray byte are caught by the strict
    // base64url decoder (RFC 7515 §7.1, RFC 7519 §7.2 steps 1-3).
    const auto dot1 = token.find('.');
    if (dot1 == std::string_view::npos) return JwtError::malformed;
    const auto dot2 = token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
        return JwtError::malformed;
    }
    const std::string_view header_b64 = token.substr(0, dot1);
    const std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
    const std::string_view signature_b64 = token.substr(dot2 + 1);

    const auto header_bytes = base64url_decode(header_b64);
    if (!header_bytes) return JwtError::malformed;
    const auto header = parse_object(*header_bytes);
    if (!header) return JwtError::malformed;
    const auto alg_it = header->find("alg");
    if (alg_it == header->end() || !alg_it->is_string()) return JwtError::malformed;
    // The configured algorithm decides; the header only has to agree (RFC 8725 §3.1).
    if (alg_it->get_ref<const std::string&>() != alg->name) return JwtError::bad_algorithm;
    // We implement no JWS extension, so any `crit` makes the token one we must not accept
    // (RFC 7515 §4.1.11). `jku`, `x5u`, `jwk` and `x5c` are never read: keys come from configuration
    // only (RFC 8725 §3.10); `kid` only picks one of them, by exact comparison, when key ids are set.
    if (header->contains("crit")) return JwtError::malformed;
    const ParsedKey* key = keys.current;
    if (keys.by_kid != nullptr && key != nullptr) {
        const auto kid_it = header->find("kid");
        if (kid_it != header->end()) {
            if (!kid_it->is_string()) return JwtError::malformed;
            const auto found = keys.by_kid->find(kid_it->get_ref<const std::string&>());
            // no fallback to the other keys: a token is checked with the key its issuer named
            if (found == keys.by_kid->end()) return JwtError::unknown_key;
            key = &found->second;
        }
    }

    const auto payload = base64url_decode(payload_b64);
    if (!payload) return JwtError::malformed;
    const auto signature = base64url_decode(signature_b64);
    if (!signature) return JwtError::malformed;

    // The signing input is the ASCII text as received, which the strict decoding above proved canonical.
    const std::string_view signing_input = token.substr(0, dot2);
    if (key == nullptr || !jws_signature_valid(alg->name, *key, signing_input, *signature)) {
        return JwtError::bad_signature;
    }
    return *payload;
}

}  // namespace

std::string_view to_string(JwtError error) noexcept {
    switch (error) {
        case JwtError::malformed:
            return "malformed token";
        case JwtError::bad_algorithm:
            return "unexpected token algorithm";
        case JwtError::bad_signature:
            return "invalid token signature";
        case JwtError::expired:
            return "expired token";
        case JwtError::not_yet_valid:
            return "token not yet valid";
        case JwtError::bad_audience:
            return "invalid token audience";
        case JwtError::bad_issuer:
            return "invalid token issuer";
        case JwtError::missing_claim:
            return "missing token claim";
        case JwtError::unknown_key:
            return "unknown token key id";
    }
    return "invalid token";
}

bool jwt_algorithm_supported(std::string_view alg) noexcept {
    return find_jws_algorithm(alg) != nullptr;
}

std::string jws_sign(std::string_view alg,
                     const ParsedKey& key,
                     std::string_view header_json,
                     std::string_view payload) {
    std::string input = base64url_encode(header_json);
    input += '.';
    input += base64url_encode(payload);
    const std::string signature = jws_signature(alg, key, input);
    input += '.';
    input += base64url_encode(signature);
    return input;
}

std::variant<std::string, JwtError> jws_verify(std::string_view alg, const ParsedKey& key, std::string_view compact) {
    return verify_compact(find_jws_algorithm(alg), KeyChoice{&key}, compact);
}

std::string jws_sign_hmac(std::string_view alg,
                          std::string_view key,
                          std::string_view header_json,
                          std::string_view payload) {
    const JwsAlgorithm* found = find_jws_algorithm(alg);
    if (found == nullptr || found->family != JwsFamily::hmac) throw std::invalid_argument("not an HMAC JWS algorithm");
    // Raw HMAC rather than jws_signature: tests need MACs under keys the loader refuses (empty, PEM).
    std::string input = base64url_encode(header_json);
    input += '.';
    input += base64url_encode(payload);
    const std::string mac = hmac(found->digest, key, input);
    input += '.';
    input += base64url_encode(mac);
    return input;
}

std::variant<std::string, JwtError> jws_verify_hmac(std::string_view alg,
                                                    std::string_view key,
                                                    std::string_view compact) {
    const JwsAlgorithm* found = find_jws_algorithm(alg);
    if (found == nullptr || found->family != JwsFamily::hmac) return JwtError::bad_algorithm;
    const ParsedKey parsed{std::string(found->name), std::string(key), nullptr};
    return verify_compact(found, KeyChoice{&parsed}, compact);
}

std::string jwt_create(const JwtSettings& settings,
                       std::string_view sub,
                       std::string_view aud,
                       std::int64_t exp,
                       std::optional<std::string_view> iss,
                       std::optional<std::string_view> scope,
                       const JwtTimes& times) {
    const auto keys = jwt_keys_of(settings);
    if (!keys->error.empty()) throw std::invalid_argument(keys->error);
    if (!keys->sign) {
        throw std::logic_error("no private key (FSA_TOKEN_SIGN) for " + settings.algorithm +
                               ": this process can verify tokens but not create them");
    }
    const JwsAlgorithm* alg = find_jws_algorithm(settings.algorithm);

    // PyJWT 2.6 sorts header keys (sort_headers=True), hence alg before typ.
    nlohmann::ordered_json header;
    header["alg"] = alg->name;
    if (keys->kid) header["kid"] = *keys->kid;
    header["typ"] = "JWT";
    // Claims keep insertion order, which is upstream's order (fsa-behaviour §5.3).
    nlohmann::ordered_json claims;
    claims["exp"] = exp;
    claims["sub"] = sub;
    claims["aud"] = aud;
    if (iss) claims["iss"] = *iss;
    if (scope) claims["scope"] = *scope;
    if (times.iat) claims["iat"] = *times.iat;
    if (times.auth_time) claims["auth_time"] = *times.auth_time;

    std::string input = base64url_encode(python_compact_json(header));
    input += '.';
    input += base64url_encode(python_compact_json(claims));
    const std::string signature = jws_signature(alg->name, *keys->sign, input);
    input += '.';
    input += base64url_encode(signature);
    return input;
}

std::variant<std::string, JwtError> jws_verify_configured(const JwtSettings& settings, std::string_view compact) {
    const auto keys = jwt_keys_of(settings);
    KeyChoice choice;
    if (keys->error.empty()) {
        choice.current = &keys->verify;
        choice.by_kid = keys->by_kid ? &*keys->by_kid : nullptr;
    }
    return verify_compact(find_jws_algorithm(settings.algorithm), choice, compact);
}

std::variant<JwtClaims, JwtError> jwt_verify(const JwtSettings& settings,
                                             std::string_view token,
                                             std::string_view audience,
                                             std::optional<std::string_view> issuer,
                                             std::int64_t now) {
    auto verified = jws_verify_configured(settings, token);
    if (const auto* error = std::get_if<JwtError>(&verified)) return *error;

    // From here on the claims are authenticated.
    const auto claims = parse_object(std::get<std::string>(verified));
    if (!claims) return JwtError::malformed;

    JwtClaims out;
    switch (numeric_date(*claims, "exp", out.exp)) {
        case NumberStatus::absent:
            return JwtError::missing_claim;
        case NumberStatus::not_a_number:
        case NumberStatus::out_of_range:
            return JwtError::malformed;
        case NumberStatus::ok:
            break;
    }
    std::int64_t nbf = 0;
    const NumberStatus nbf_status = numeric_date(*claims, "nbf", nbf);
    std::int64_t iat = 0;
    const NumberStatus iat_status = numeric_date(*claims, "iat", iat);
    // Present means present: `"nbf": null` or `"iat": "yesterday"` is not a time we can check.
    if ((claims->contains("nbf") && nbf_status != NumberStatus::ok) ||
        (claims->contains("iat") && iat_status != NumberStatus::ok)) {
        return JwtError::malformed;
    }

    const auto sub_it = claims->find("sub");
    if (sub_it == claims->end() || sub_it->is_null()) return JwtError::missing_claim;
    if (!sub_it->is_string()) return JwtError::malformed;
    out.sub = sub_it->get<std::string>();

    // Time checks as PyJWT 2.6 does them: expired when exp <= now - leeway, not yet valid when
    // nbf (or iat) > now + leeway.
    const std::int64_t leeway = settings.leeway < 0 ? 0 : settings.leeway;
    if (out.exp <= saturating_sub(now, leeway)) return JwtError::expired;
    if (nbf_status == NumberStatus::ok && nbf > saturating_add(now, leeway)) return JwtError::not_yet_valid;
    if (iat_status == NumberStatus::ok && iat > saturating_add(now, leeway)) return JwtError::not_yet_valid;
    if (iat_status == NumberStatus::ok) out.iat = iat;
    std::int64_t auth_time = 0;
    if (numeric_date(*claims, "auth_time", auth_time) == NumberStatus::ok) out.auth_time = auth_time;

    // Audience: required (upstream always sets it to the realm); exact, case-sensitive match.
    const auto aud_it = claims->find("aud");
    if (aud_it == claims->end() || aud_it->is_null()) return JwtError::missing_claim;
    if (aud_it->is_string()) {
        if (aud_it->get_ref<const std::string&>().empty()) return JwtError::missing_claim;
        out.aud.push_back(aud_it->get<std::string>());
    } else if (aud_it->is_array()) {
        if (aud_it->empty()) return JwtError::missing_claim;
        for (const auto& element : *aud_it) {
            if (!element.is_string()) return JwtError::bad_audience;
            out.aud.push_back(element.get<std::string>());
        }
    } else {
        return JwtError::bad_audience;
    }
    bool audience_found = false;
    for (const auto& a : out.aud) audience_found = audience_found || a == audience;
    if (!audience_found) return JwtError::bad_audience;

    const auto iss_it = claims->find("iss");
    if (iss_it != claims->end() && !iss_it->is_null()) {
        if (!iss_it->is_string()) return issuer ? JwtError::bad_issuer : JwtError::malformed;
        out.iss = iss_it->get<std::string>();
    }
    if (issuer) {
        if (!out.iss) return JwtError::missing_claim;
        if (*out.iss != *issuer) return JwtError::bad_issuer;
    }

    const auto scope_it = claims->find("scope");
    if (scope_it != claims->end() && !scope_it->is_null()) {
        if (!scope_it->is_string()) return JwtError::malformed;
        out.scope = scope_it->get<std::string>();
    }
    const auto jti_it = claims->find("jti");
    if (jti_it != claims->end() && jti_it->is_string()) out.jti = jti_it->get<std::string>();
    return out;
}

}  // namespace simpleauth::detail
