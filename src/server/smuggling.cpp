#include "server/smuggling.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

namespace simpleauth::server {

namespace {

constexpr std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// The last element of a comma-separated list, e.g. "gzip, chunked" -> "chunked".
constexpr std::string_view last_coding(std::string_view value) {
    auto comma = value.rfind(',');
    return trim_ows(comma == std::string_view::npos ? value : value.substr(comma + 1));
}

// Control characters in a value mean the engine joined folded lines or kept a bare CR: either way
// two hops may split the head differently, so the request is refused rather than interpreted.
bool is_control(unsigned char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

// Eight bytes at a time (a JWT in an Authorization field is hundreds of bytes, on every request): a
// word is looked at byte by byte only when it holds a byte below 0x20 or a DEL, which a tab also is.
bool has_control(std::string_view s) {
    constexpr std::uint64_t ones = ~std::uint64_t{0} / 255;  // 0x0101...
    constexpr std::uint64_t highs = ones * 0x80;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, s.data() + i, sizeof word);
        std::uint64_t below_space = (word - ones * 0x20) & ~word & highs;  // some byte < 0x20
        std::uint64_t del = word ^ (ones * 0x7f);
        std::uint64_t has_del = (del - ones) & ~del & highs;  // some byte == 0x7f
        if ((below_space | has_del) != 0) {
            for (std::size_t j = i; j < i + 8; ++j) {
                if (is_control(static_cast<unsigned char>(s[j]))) {
                    return true;
                }
            }
        }
    }
    for (; i < s.size(); ++i) {
        if (is_control(static_cast<unsigned char>(s[i]))) {
            return true;
        }
    }
    return false;
}

// RFC 9110 §5.6.2 tchar, as a table: every field name of every request goes through it
constexpr std::array<bool, 256> token_chars = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
        table[static_cast<std::size_t>(c)] =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    }
    return table;
}();

bool is_token(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (unsigned char c : s) {
        if (!token_chars[c]) {
            return false;
        }
    }
    return true;
}

FramingResult refuse(std::string_view reason) {
    return {std::nullopt, {reason}};
}

}  // namespace

std::optional<std::uint64_t> parse_content_length(std::string_view text) {
    if (text.empty() || text.size() > 19) {  // 19 digits always fit in 64 bits
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

bool valid_request_line(const http::Request& request) {
    if (!is_token(request.method)) {
        return false;
    }
    for (const auto& part : {std::string_view(request.path), std::string_view(request.query)}) {
        for (unsigned char c : part) {
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
    }
    return !request.path.empty();
}

FramingResult check_framing(std::string_view version, const http::Headers& headers) {
    Framing framing;
    std::size_t content_lengths = 0;
    std::size_t transfer_encodings = 0;
    std::string_view te_value;
    std::string_view cl_value;
    for (const auto& field : headers) {
        if (!is_token(field.name)) {
            return refuse("bad request: invalid header field name");
        }
        if (has_control(field.value)) {
            return refuse("bad request: control character in a header field");
        }
        if (http::iequals(field.name, "Content-Length")) {
            ++content_lengths;
            cl_value = field.value;
        } else if (http::iequals(field.name, "Transfer-Encoding")) {
            ++transfer_encodings;
            te_value = field.value;
        }
    }
    if (content_lengths > 0 && transfer_encodings > 0) {
        return refuse("bad request: both Content-Length and Transfer-Encoding");
    }
    if (content_lengths > 1) {
        return refuse("bad request: several Content-Length fields");
    }
    if (transfer_encodings > 1) {
        // two fields are one list (RFC 9112 §6.1), but intermediaries disagree on which one counts
        return refuse("bad request: several Transfer-Encoding fields");
    }
    if (transfer_encodings == 1) {
        if (version != "HTTP/1.1") {
            return refuse("bad request: Transfer-Encoding needs HTTP/1.1");
        }
        if (!http::iequals(last_coding(te_value), "chunked")) {
            return refuse("bad request: Transfer-Encoding must end with chunked");
        }
        if (!http::iequals(trim_ows(te_value), "chunked")) {
            // the engine only decodes plain "chunked"; a coding before it would reach the
            // application undecoded, and a list is where front ends and back ends disagree
            return refuse("bad request: unsupported Transfer-Encoding");
        }
        framing.chunked = true;
    }
    if (content_lengths == 1) {
        auto length = parse_content_length(cl_value);
        if (!length) {
            return refuse("bad request: invalid Content-Length");
        }
        framing.content_length = length;
    }
    return {framing, {}};
}

}  // namespace simpleauth::server
