// Fuzz target: the Authorization: Digest parameters parser (src/auth/digest_protocol.hpp,
// parse_digest_authorization), checked against its contract, a write -> parse round trip, and the
// response computation on what it accepts.
#include <string>
#include <string_view>

#include "auth/digest_protocol.hpp"
#include "fuzz_common.hpp"

namespace sd = simpleauth::detail;

namespace {

bool has_control(std::string_view s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

bool is_hex8(std::string_view s) {
    if (s.size() != 8) return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

std::string quoted(std::string_view v) {
    std::string out = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

// RFC 8187 ext-value, every byte that is not an unreserved character percent-encoded
std::string ext_value(std::string_view v) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "UTF-8''";
    for (unsigned char c : v) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

std::string write(const sd::DigestCredentials& c, bool ext_username) {
    std::string h = ext_username ? "username*=" + ext_value(c.username) : "username=" + quoted(c.username);
    h += ", realm=" + quoted(c.realm) + ", nonce=" + quoted(c.nonce) + ", uri=" + quoted(c.uri) +
         ", response=" + quoted(c.response) + ", qop=" + c.qop + ", nc=" + c.nc + ", cnonce=" + quoted(c.cnonce) +
         ", opaque=" + quoted(c.opaque) +
         ", algorithm=" + (c.algorithm == sd::DigestAlgorithm::sha256 ? "SHA-256" : "MD5") +
         ", userhash=" + (c.userhash ? "true" : "false");
    return h;
}

bool same(const sd::DigestCredentials& a, const sd::DigestCredentials& b) {
    return a.username == b.username && a.realm == b.realm && a.nonce == b.nonce && a.uri == b.uri &&
           a.response == b.response && a.qop == b.qop && a.nc == b.nc && a.cnonce == b.cnonce &&
           a.opaque == b.opaque && a.algorithm == b.algorithm && a.userhash == b.userhash;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto c = sd::parse_digest_authorization(input);
    if (!c) return 0;

    FUZZ_CHECK(c->qop == "auth");
    FUZZ_CHECK(is_hex8(c->nc));
    for (const std::string* v : {&c->username, &c->realm, &c->nonce, &c->uri, &c->response, &c->cnonce, &c->opaque}) {
        FUZZ_CHECK(!has_control(*v));
    }

    // what we parsed, written back canonically, parses to the same credentials
    auto again = sd::parse_digest_authorization(write(*c, false));
    FUZZ_CHECK(again && same(*c, *again));
    if (!c->userhash) {
        auto ext = sd::parse_digest_authorization(write(*c, true));
        FUZZ_CHECK(ext && same(*c, *ext));
    }

    // the response computation takes whatever the parser accepted
    std::string ha1 = sd::digest_ha1(c->algorithm, c->username, c->realm, "password");
    std::string expected = sd::digest_expected_response(*c, ha1, "GET");
    FUZZ_CHECK(expected.size() == (c->algorithm == sd::DigestAlgorithm::sha256 ? 64u : 32u));
    // a challenge echoing the parsed realm/nonce/opaque never throws (no control characters)
    std::string challenge = sd::digest_challenge(c->algorithm, c->realm, c->nonce, c->opaque, false);
    FUZZ_CHECK(challenge.rfind("Digest realm=\"", 0) == 0);
    return 0;
}
