// The protocol part of HTTP Digest authentication (RFC 7616), MD5 and SHA-256, qop=auth only: parsing the
// Authorization header, computing the expected response, issuing and checking server nonces, and writing the
// WWW-Authenticate challenge. The scheme glue (src/auth/digest.cpp) sits on top of these.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

// RFC 7616 "MD5" and "SHA-256". The -sess variants are refused by the parser: they need per-session HA1
// bookkeeping and no mainstream client needs them.
enum class DigestAlgorithm { md5, sha256 };

// A parsed `Authorization: Digest ...` value.
struct DigestCredentials {
    std::string username, realm, nonce, uri, response, qop, nc, cnonce, opaque;
    DigestAlgorithm algorithm = DigestAlgorithm::md5;  // absent algorithm parameter means MD5
    bool userhash = false;
};

// Parses the part after "Digest " (RFC 9110 §11.4 auth-params: token=token / token="quoted-string" with
// backslash escapes, comma separated, optional whitespace, empty list elements ignored, parameter names
// case-insensitive, unknown parameters ignored). nullopt on any syntax error, a duplicated parameter, a missing
// required parameter (username or username*, realm, nonce, uri, response, qop, nc, cnonce), nc not 8 hex digits,
// qop other than "auth", an unknown or -sess algorithm, userhash not true/false, or a control character in a
// value (HTAB included: it is only accepted as whitespace between elements).
// username* (RFC 7616 §3.4, RFC 8187) is accepted in its UTF-8 form and decoded into `username`; it must not
// come together with username or with userhash=true.
std::optional<DigestCredentials> parse_digest_authorization(std::string_view value);

// Lowercase hex of MD5 / SHA-256 of data. Throws std::runtime_error if OpenSSL fails (e.g. MD5 in FIPS mode).
std::string digest_hash_hex(DigestAlgorithm algorithm, std::string_view data);

// HA1 = H(username:realm:password)
std::string digest_ha1(DigestAlgorithm algorithm,
                       std::string_view username,
                       std::string_view realm,
                       std::string_view password);

// The hashed username a client sends with userhash=true: H(username:realm) (RFC 7616 §3.4.4).
std::string digest_userhash(DigestAlgorithm algorithm, std::string_view username, std::string_view realm);

// The expected response for qop=auth: H(HA1:nonce:nc:cnonce:auth:H(method:uri)), with the algorithm, nonce, nc,
// cnonce and uri of the credentials. Compare it with the client's response with constant_time_equal.
std::string digest_expected_response(const DigestCredentials& credentials,
                                     std::string_view ha1,
                                     std::string_view method);

// Server nonces: stateless to validate (issue time + sequence number + random, under an HMAC-SHA256 with a key
// drawn per instance, base64url), with expiry, and replay protection: a nonce's nonce-count must strictly
// increase. Memory is bounded: at most `max_tracked` used nonces are remembered, the oldest issued dropped
// first; a nonce that is no longer tracked but still fresh is refused as stale, never accepted twice with the
// same nc. Thread-safe.
class DigestNonces {
public:
    explicit DigestNonces(std::int64_t lifetime_seconds = 300, std::size_t max_tracked = 100000);

    // A new nonce (75 base64url characters). Does not allocate any state.
    std::string issue(std::int64_t now);

    enum class Check { ok, invalid, stale, replayed };
    // invalid: not one of ours (bad MAC/format) or nc malformed or zero; stale: expired, or forgotten (the client
    // should retry with the fresh nonce of a stale=true challenge); replayed: nc not greater than the last
    // accepted for this nonce. On ok, nc becomes the nonce's last accepted count.
    Check use(std::string_view nonce, std::string_view nc_hex, std::int64_t now);

    // What use() would answer, without recording anything. Lets the caller verify the response first and only
    // then use() the nonce (which checks again, atomically), so that requests with a wrong response cannot burn
    // a nonce's counts or push other nonces out of the table.
    Check check(std::string_view nonce, std::string_view nc_hex, std::int64_t now) const;

    // A constant per instance, echoed by clients.
    std::string opaque() const { return opaque_; }

    // The number of nonces currently remembered (for tests and monitoring).
    std::size_t tracked() const;

private:
    struct Seen {
        std::int64_t issued;
        std::uint32_t last_nc;
    };
    struct Parsed {
        Check check;  // ok if the nonce is ours, fresh and the count well-formed; then the fields are set
        std::int64_t issued = 0;
        std::uint64_t sequence = 0;
        std::uint32_t nc = 0;
    };
    Parsed parse(std::string_view nonce, std::string_view nc_hex, std::int64_t now) const;
    void forget_front_locked();

    const std::int64_t lifetime_;
    const std::size_t max_tracked_;
    const std::string key_;
    const std::string opaque_;
    std::atomic<std::uint64_t> next_sequence_{1};

    mutable std::mutex mutex_;
    // Keyed by sequence number, so that the front is the oldest issued nonce.
    std::map<std::uint64_t, Seen> seen_;
    // Every nonce whose sequence number is at most this one and that is not in seen_ may have been used and
    // forgotten: refuse it as stale. Nonces above it that are not in seen_ have never been used.
    std::uint64_t forgotten_up_to_ = 0;
};

// The WWW-Authenticate value:
//   Digest realm="...", qop="auth", algorithm=SHA-256|MD5, nonce="...", opaque="..."[, stale=true]
// realm, nonce and opaque are written as RFC 9110 quoted-strings. Throws std::invalid_argument if one of them
// holds a control character other than HTAB, which no quoted-string can carry (and CR/LF would split the header).
std::string digest_challenge(
    DigestAlgorithm algorithm, std::string_view realm, std::string_view nonce, std::string_view opaque, bool stale);

}  // namespace simpleauth::detail
