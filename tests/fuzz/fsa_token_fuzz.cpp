// Fuzz target: upstream's "fsa" token (src/tokens/fsa_token.hpp): fsa_token_verify on arbitrary
// tokens, fsa_parse_limit against fsa_format_limit, and create -> verify round trips.
// Input: the first byte picks the mode, the rest is the data.
#include <cstring>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz_common.hpp"
#include "tokens/fsa_token.hpp"

namespace sd = simpleauth::detail;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;  // 2023-11-14
const char* const kRealm = "acme";

const sd::FsaTokenSettings& settings(unsigned which) {
    static const sd::FsaTokenSettings all[] = {
        {"blake2s", "an fsa token secret for the fuzzer", 16, 0},
        {"sha256", "an fsa token secret for the fuzzer", 32, 60},
        {"md5", "another secret", 8, 0},
    };
    return all[which % 3];
}

void check_limit(std::string_view text) {
    auto t = sd::fsa_parse_limit(text);
    if (t) {
        FUZZ_CHECK(text.size() == 14);
        FUZZ_CHECK(sd::fsa_format_limit(*t) == text);  // one spelling per instant
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    unsigned mode = data[0];
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto& s = settings(mode >> 4);

    switch (mode % 4) {
    case 0: {  // an arbitrary token
        auto r = sd::fsa_token_verify(s, input, kRealm, kNow);
        if (auto* claims = std::get_if<sd::FsaTokenClaims>(&r)) {
            // only tokens we signed pass: the fuzzer cannot forge one, so this should never happen
            FUZZ_CHECK(sd::fsa_token_create(s, kRealm, claims->user, claims->limit) == input);
        }
        auto r2 = sd::fsa_token_verify(s, input, std::string_view(input).substr(0, input.find(':')), kNow);
        (void)r2;
        break;
    }
    case 1:  // a limit
        check_limit(input);
        break;
    case 2: {  // 8 bytes of epoch seconds: format -> parse round trip in years 1..9999
        std::int64_t epoch = 0;
        std::memcpy(&epoch, input.data(), std::min<std::size_t>(input.size(), sizeof epoch));
        // 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z
        if (epoch >= -62135596800 && epoch <= 253402300799) {
            auto text = sd::fsa_format_limit(epoch);
            FUZZ_CHECK(sd::fsa_parse_limit(text) == epoch);
        }
        break;
    }
    case 3: {  // realm|user|limit text: create -> verify round trip, then tampering
        fuzz::Fields f(data + 1, size - 1, '|');
        std::string realm(f.next()), user(f.next());
        std::string_view limit_text = f.next();
        auto limit = sd::fsa_parse_limit(limit_text);
        if (!limit || realm.find(':') != std::string::npos || user.find(':') != std::string::npos) break;
        std::string token = sd::fsa_token_create(s, realm, user, *limit);
        auto r = sd::fsa_token_verify(s, token, realm, *limit - 1);
        if (user.empty()) {
            FUZZ_CHECK(std::holds_alternative<sd::FsaTokenError>(r));
        } else {
            auto* claims = std::get_if<sd::FsaTokenClaims>(&r);
            FUZZ_CHECK(claims && claims->user == user && claims->limit == *limit);
        }
        // expired after the limit and the grace
        auto late = sd::fsa_token_verify(s, token, realm, *limit + s.grace + 1);
        FUZZ_CHECK(std::holds_alternative<sd::FsaTokenError>(late));
        // any other realm, and any flipped signature character, fail
        FUZZ_CHECK(std::holds_alternative<sd::FsaTokenError>(sd::fsa_token_verify(s, token, realm + "x", *limit - 1)));
        std::string tampered = token;
        std::size_t at = tampered.rfind(':') + 1 + (f.rest().empty() ? 0 : static_cast<unsigned char>(f.rest()[0]));
        if (at < tampered.size()) {
            tampered[at] = tampered[at] == '0' ? '1' : '0';
            FUZZ_CHECK(std::holds_alternative<sd::FsaTokenError>(sd::fsa_token_verify(s, tampered, realm, *limit - 1)));
        }
        break;
    }
    }
    return 0;
}
