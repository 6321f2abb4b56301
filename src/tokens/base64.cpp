#include "tokens/base64.hpp"

#include <array>
#include <cstdint>

namespace simpleauth::detail {
namespace {

constexpr std::string_view kStdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::uint8_t kInvalid = 0xff;

// Reverse table built at compile time, so that decoding is a lookup and any byte outside the
// alphabet (including `=`, whitespace, NUL and non-ASCII) maps to kInvalid.
constexpr std::array<std::uint8_t, 256> make_reverse(std::string_view alphabet) {
    std::array<std::uint8_t, 256> table{};
    for (auto& v : table) v = kInvalid;
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
}

constexpr auto kStdReverse = make_reverse(kStdAlphabet);
constexpr auto kUrlReverse = make_reverse(kUrlAlphabet);

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                                std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        if (pad) out += "==";
    } else if (rest == 2) {
        const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        if (pad) out += '=';
    }
    return out;
}

// Decodes unpadded text over the given alphabet. Rejects a length that cannot come from an encoder
// (one lone character carries only 6 bits) and non-zero unused bits in the last character, which
// would otherwise let several strings decode to the same bytes (canonical encoding, RFC 4648 §3.5).
std::optional<std::string> decode_unpadded(std::string_view text, const std::array<std::uint8_t, 256>& reverse) {
    const std::size_t tail = text.size() % 4;
    if (tail == 1) {
        return std::nullopt;
    }
    // Four characters make three bytes, written in place: every basic credential and every token
    // that misses the cache comes through here. An invalid character maps to 0xff, whose top bits no
    // alphabet value (0..63) has: their OR, tested once at the end, rejects the text.
    std::string out(text.size() / 4 * 3 + (tail == 0 ? 0 : tail - 1), '\0');
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    char* o = out.data();
    std::uint32_t seen = 0;
    for (std::size_t group = 0; group < text.size() / 4; ++group, in += 4, o += 3) {
        const std::uint32_t a = reverse[in[0]], b = reverse[in[1]], c = reverse[in[2]], d = reverse[in[3]];
        seen |= a | b | c | d;
        const std::uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
        o[0] = static_cast<char>((n >> 16) & 0xff);
        o[1] = static_cast<char>((n >> 8) & 0xff);
        o[2] = static_cast<char>(n & 0xff);
    }
    if (tail != 0) {
        const std::uint32_t a = reverse[in[0]], b = reverse[in[1]], c = tail == 3 ? reverse[in[2]] : 0;
        seen |= a | b | c;
        const std::uint32_t n = (a << 18) | (b << 12) | (c << 6);
        o[0] = static_cast<char>((n >> 16) & 0xff);
        if (tail == 3) {
            o[1] = static_cast<char>((n >> 8) & 0xff);
        }
        // Leftover bits: 4 after a 2-character tail (1 byte), 2 after a 3-character tail (2 bytes).
        if ((tail == 2 ? (b & 0x0f) : (c & 0x03)) != 0) {
            return std::nullopt;
        }
    }
    if ((seen & 0xc0) != 0) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    return encode(bytes, kStdAlphabet, true);
}

std::string base64url_encode(std::string_view bytes) {
    return encode(bytes, kUrlAlphabet, false);
}

std::optional<std::string> base64_decode(std::string_view text) {
    // Padding is mandatory in this form: the length is a multiple of 4 and at most two `=` end it.
    // A `=` anywhere else is then rejected by the alphabet check of decode_unpadded.
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t padding = 0;
    while (padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
    if (padding > 2) return std::nullopt;
    return decode_unpadded(text.substr(0, text.size() - padding), kStdReverse);
}

std::optional<std::string> base64url_decode(std::string_view text) {
    return decode_unpadded(text, kUrlReverse);
}

}  // namespace simpleauth::detail
