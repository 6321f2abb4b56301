#include "passwords/ascii85.hpp"

#include <array>
#include <cstdint>

namespace simpleauth::detail {

std::string ascii85_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 3) / 4 * 5);
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
        const std::size_t n = std::min<std::size_t>(4, bytes.size() - i);
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            // A partial last group is padded with zero bytes, then its output cut by the padding.
            const auto byte = k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U;
            word = (word << 8) | byte;
        }
        if (word == 0 && n == 4) {
            out += 'z';
            continue;
        }
        std::array<char, 5> group{};
        for (int k = 4; k >= 0; --k) {
            group[static_cast<std::size_t>(k)] = static_cast<char>('!' + word % 85);
            word /= 85;
        }
        out.append(group.data(), n + 1);
    }
    return out;
}

std::optional<std::string> ascii85_decode(std::string_view text) {
    std::string out;
    std::array<std::uint32_t, 5> group{};
    std::size_t count = 0;
    auto flush = [&](std::size_t keep) {
        std::uint64_t acc = 0;
        for (const auto digit : group) acc = acc * 85 + digit;
        if (acc > 0xFFFFFFFFULL) return false;  // Python: "Ascii85 overflow"
        for (std::size_t k = 0; k < keep; ++k) out += static_cast<char>((acc >> (24 - 8 * k)) & 0xFF);
        return true;
    };
    for (const char c : text) {
        if (c >= '!' && c <= 'u') {
            group[count++] = static_cast<std::uint32_t>(c - '!');
            if (count == 5) {
                if (!flush(4)) return std::nullopt;
                count = 0;
            }
        } else if (c == 'z') {
            if (count != 0) return std::nullopt;
            out.append(4, '\0');
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v') {
            continue;
        } else {
            return std::nullopt;
        }
    }
    if (count > 0) {
        // Python pads the tail with 'u' (84), decodes the group (overflow still checked), and keeps
        // count - 1 bytes of it.
        for (std::size_t k = count; k < 5; ++k) group[k] = 84;
        if (!flush(count - 1)) return std::nullopt;
    }
    return out;
}

}  // namespace simpleauth::detail
