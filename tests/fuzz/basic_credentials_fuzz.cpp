// Fuzz target: parsing of the Authorization header shared by the schemes (src/auth/credentials.hpp):
// split_authorization, decode_basic, is_b64token, valid_utf8, each checked against properties or an
// independent reference.
#include <string>
#include <string_view>

#include "auth/credentials.hpp"
#include "fuzz_common.hpp"
#include "tokens/base64.hpp"

namespace sd = simpleauth::detail;

namespace {

bool reference_b64token(std::string_view t) {
    std::size_t i = 0;
    auto tokchar = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               std::string_view("-._~+/").find(c) != std::string_view::npos;
    };
    while (i < t.size() && tokchar(t[i])) ++i;
    if (i == 0) return false;
    while (i < t.size() && t[i] == '=') ++i;
    return i == t.size();
}

bool no_controls(std::string_view s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7F) return false;
    }
    return true;
}

// What decode_basic must answer for the decoded bytes `plain` (RFC 7617 and the header's contract).
void check_basic_plain(std::string_view plain) {
    auto got = sd::decode_basic(sd::base64_encode(plain));
    auto colon = plain.find(':');
    bool acceptable = colon != std::string_view::npos && fuzz::reference_utf8(plain) && no_controls(plain);
    FUZZ_CHECK(got.has_value() == acceptable);
    if (got) {
        FUZZ_CHECK(got->login == plain.substr(0, colon));
        FUZZ_CHECK(got->password == plain.substr(colon + 1));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);

    FUZZ_CHECK(sd::valid_utf8(input) == fuzz::reference_utf8(input));
    FUZZ_CHECK(sd::is_b64token(input) == reference_b64token(input));

    // the whole input as an Authorization header value
    if (auto header = sd::split_authorization(input)) {
        FUZZ_CHECK(!header->scheme.empty() && !header->value.empty());
        FUZZ_CHECK(header->scheme.find(' ') == std::string_view::npos);
        FUZZ_CHECK(std::string(header->scheme) + " " + std::string(header->value) == input);
        if (auto creds = sd::decode_basic(header->value)) {
            // strict base64: the value is the one canonical encoding of the credentials
            FUZZ_CHECK(sd::base64_encode(creds->login + ":" + creds->password) == header->value);
            FUZZ_CHECK(creds->login.find(':') == std::string::npos);
            FUZZ_CHECK(fuzz::reference_utf8(creds->login) && fuzz::reference_utf8(creds->password));
            FUZZ_CHECK(no_controls(creds->login) && no_controls(creds->password));
        }
    } else {
        auto space = input.find(' ');
        FUZZ_CHECK(space == std::string_view::npos || space == 0 || space + 1 == input.size());
    }

    // the input as an encoded value, then as the decoded credentials
    if (auto creds = sd::decode_basic(input)) {
        FUZZ_CHECK(sd::base64_encode(creds->login + ":" + creds->password) == input);
    }
    check_basic_plain(input);
    return 0;
}
