// HTTP Digest (RFC 7616) protocol functions: header parsing, hashes and the challenge. The nonces are in
// digest_nonces.cpp.

#include "auth/digest_protocol.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace simpleauth::detail {

namespace {

// RFC 9110 §5.6.2 tchar
bool is_tchar(unsigned char c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
    }
    switch (c) {
        case '!':
        case '#':
        case '$':
        case '%':
        case '&':
        case '\'':
        case '*':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

// Controls (HTAB included) never make sense in a digest field and CR/LF/NUL are dangerous downstream (logs,
// user look-ups), so they are refused in every value, even where a quoted-string could carry a HTAB.
bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

bool is_ows(char c) {
    return c == ' ' || c == '\t';
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    return lower(c) - 'a' + 10;
}

struct Param {
    std::string name;  // lowercased: auth-param names are case-insensitive
    std::string value;
    bool quoted = false;
};

// The auth-param list grammar (RFC 9110 §11.2, §5.6.1 for the list rule, §5.6.4 for quoted-string).
std::optional<std::vector<Param>> parse_params(std::string_view s) {
    std::vector<Param> params;
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto skip_ows = [&] {
        while (i < n && is_ows(s[i])) {
            ++i;
        }
    };
    while (true) {
        skip_ows();
        if (i == n) {
            break;
        }
        if (s[i] == ',') {  // empty list elements are to be ignored (RFC 9110 §5.6.1.2)
            ++i;
            continue;
        }
        Param p;
        while (i < n && is_tchar(static_cast<unsigned char>(s[i]))) {
            p.name.push_back(lower(s[i++]));
        }
        if (p.name.empty()) {
            return std::nullopt;
        }
        skip_ows();  // BWS around "="
        if (i == n || s[i] != '=') {
            return std::nullopt;
        }
        ++i;
        skip_ows();
        if (i < n && s[i] == '"') {
            p.quoted = true;
            ++i;
            bool closed = false;
            while (i < n) {
                auto c = static_cast<unsigned char>(s[i++]);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (i == n) {
                        return std::nullopt;
                    }
                    c = static_cast<unsigned char>(s[i++]);
                }
                if (is_control(c)) {
                    return std::nullopt;
                }
                p.value.push_back(static_cast<char>(c));
            }
            if (!closed) {
                return std::nullopt;
            }
        } else {
            while (i < n && is_tchar(static_cast<unsigned char>(s[i]))) {
                p.value.push_back(s[i++]);
            }
            if (p.value.empty()) {
                return std::nullopt;
            }
        }
        for (const Param& q : params) {
            if (q.name == p.name) {
                return std::nullopt;
            }
        }
        params.push_back(std::move(p));
        skip_ows();
        if (i == n) {
            break;
        }
        if (s[i] != ',') {
            return std::nullopt;
        }
        ++i;
    }
    return params;
}

// RFC 8187 ext-value restricted to UTF-8: UTF-8'[language]'pct-encoded-value. The charset must be UTF-8 (RFC 7616
// §3.4 only allows that one); the language tag is ignored.
std::optional<std::string> decode_ext_value(std::string_view v) {
    std::size_t q1 = v.find('\'');
    if (q1 == std::string_view::npos || !iequals(v.substr(0, q1), "UTF-8")) {
        return std::nullopt;
    }
    std::size_t q2 = v.find('\'', q1 + 1);
    if (q2 == std::string_view::npos) {
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = q2 + 1; i < v.size(); ++i) {
        char c = v[i];
        if (c == '%') {
            if (i + 2 >= v.size() || !is_hex(v[i + 1]) || !is_hex(v[i + 2])) {
                return std::nullopt;
            }
            c = static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2]));
            i += 2;
        } else if (c == '\'' || c == '*') {  // tchars that are not attr-char
            return std::nullopt;
        }
        if (is_control(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
        out.push_back(c);
    }
    return out;
}

bool is_nc(std::string_view v) {
    if (v.size() != 8) {
        return false;
    }
    for (char c : v) {
        if (!is_hex(c)) {
            return false;
        }
    }
    return true;
}

// RFC 9110 §5.6.4 quoted-string, escaping only what must be escaped.
void append_quoted(std::string& out, std::string_view v) {
    out.push_back('"');
    for (char c : v) {
        auto u = static_cast<unsigned char>(c);
        if (is_control(u) && c != '\t') {
            throw std::invalid_argument("digest challenge: control character in a quoted-string");
        }
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

const char* algorithm_name(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::sha256 ? "SHA-256" : "MD5";
}

}  // namespace

std::optional<DigestCredentials> parse_digest_authorization(std::string_view value) {
    auto params = parse_params(value);
    if (!params) {
        return std::nullopt;
    }
    DigestCredentials c;
    bool has_username = false, has_username_ext = false, has_realm = false, has_nonce = false, has_uri = false,
         has_response = false, has_qop = false, has_nc = false, has_cnonce = false;
    for (Param& p : *params) {
        const std::string& name = p.name;
        if (name == "username") {
            c.username = std::move(p.value);
            has_username = true;
        } else if (name == "username*") {
            // an ext-value is a token; a quoted one would be ambiguous with a plain username
            auto decoded = p.quoted ? std::nullopt : decode_ext_value(p.value);
            if (!decoded) {
                return std::nullopt;
            }
            c.username = std::move(*decoded);
            has_username_ext = true;
        } else if (name == "realm") {
            c.realm = std::move(p.value);
            has_realm = true;
        } else if (name == "nonce") {
            c.nonce = std::move(p.value);
            has_nonce = true;
        } else if (name == "uri") {
            c.uri = std::move(p.value);
            has_uri = true;
        } else if (name == "response") {
            c.response = std::move(p.value);
            has_response = true;
        } else if (name == "qop") {
            // exact: the client hashes the qop it sends, and we only ever offer "auth"
            if (p.value != "auth") {
                return std::nullopt;
            }
            c.qop = std::move(p.value);
            has_qop = true;
        } else if (name == "nc") {
            if (!is_nc(p.value)) {
                return std::nullopt;
            }
            c.nc = std::move(p.value);  // kept as sent: the client hashed this spelling
            has_nc = true;
        } else if (name == "cnonce") {
            c.cnonce = std::move(p.value);
            has_cnonce = true;
        } else if (name == "opaque") {
            c.opaque = std::move(p.value);
        } else if (name == "algorithm") {
            // not part of any hash, so a case-insensitive match is harmless and tolerates odd clients
            if (iequals(p.value, "MD5")) {
                c.algorithm = DigestAlgorithm::md5;
            } else if (iequals(p.value, "SHA-256")) {
                c.algorithm = DigestAlgorithm::sha256;
            } else {
                return std::nullopt;
            }
        } else if (name == "userhash") {
            if (iequals(p.value, "true")) {
                c.userhash = true;
            } else if (iequals(p.value, "false")) {
                c.userhash = false;
            } else {
                return std::nullopt;
            }
        }
        // other parameters are extensions we do not know: RFC 7616 §3.4 says to ignore them
    }
    // username* is for names that a quoted-string cannot carry, and a hashed username is never encoded
    if (has_username == has_username_ext || (has_username_ext && c.userhash)) {
        return std::nullopt;
    }
    if (!has_realm || !has_nonce || !has_uri || !has_response || !has_qop || !has_nc || !has_cnonce) {
        return std::nullopt;
    }
    return c;
}

std::string digest_hash_hex(DigestAlgorithm algorithm, std::string_view data) {
    const EVP_MD* md = algorithm == DigestAlgorithm::sha256 ? EVP_sha256() : EVP_md5();
    std::array<unsigned char, EVP_MAX_MD_SIZE> raw{};
    unsigned int size = 0;
    if (md == nullptr || EVP_Digest(data.data(), data.size(), raw.data(), &size, md, nullptr) != 1) {
        throw std::runtime_error(std::string("digest: OpenSSL cannot compute ") + algorithm_name(algorithm));
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        hex.push_back(digits[raw[i] >> 4]);
        hex.push_back(digits[raw[i] & 0x0f]);
    }
    return hex;
}

std::string digest_ha1(DigestAlgorithm algorithm,
                       std::string_view username,
                       std::string_view realm,
                       std::string_view password) {
    std::string data;
    data.reserve(username.size() + realm.size() + password.size() + 2);
    data.append(username).append(":").append(realm).append(":").append(password);
    return digest_hash_hex(algorithm, data);
}

std::string digest_userhash(DigestAlgorithm algorithm, std::string_view username, std::string_view realm) {
    std::string data;
    data.append(username).append(":").append(realm);
    return digest_hash_hex(algorithm, data);
}

std::string digest_expected_response(const DigestCredentials& credentials,
                                     std::string_view ha1,
                                     std::string_view method) {
    std::string a2;
    a2.append(method).append(":").append(credentials.uri);
    std::string ha2 = digest_hash_hex(credentials.algorithm, a2);
    // qop is always "auth" (the parser refuses anything else), so it is written as a constant: credentials built
    // by hand without a qop still give the qop=auth response.
    std::string kd;
    kd.append(ha1)
        .append(":")
        .append(credentials.nonce)
        .append(":")
        .append(credentials.nc)
        .append(":")
        .append(credentials.cnonce)
        .append(":auth:")
        .append(ha2);
    return digest_hash_hex(credentials.algorithm, kd);
}

std::string digest_challenge(
    DigestAlgorithm algorithm, std::string_view realm, std::string_view nonce, std::string_view opaque, bool stale) {
    std::string out = "Digest realm=";
    append_quoted(out, realm);
    out.append(", qop=\"auth\", algorithm=").append(algorithm_name(algorithm)).append(", nonce=");
    append_quoted(out, nonce);
    out.append(", opaque=");
    append_quoted(out, opaque);
    if (stale) {
        out.append(", stale=true");
    }
    return out;
}

}  // namespace simpleauth::detail
