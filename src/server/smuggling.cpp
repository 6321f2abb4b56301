#include "server/smuggling.hpp"

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
bool has_control(std::string_view s) {
    for (unsigned char c : s) {
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return true;
        }
    }
    return false;
}

// RFC 9110 token characters: a name with a space ("Content-Length :") must not slip past the
// lookups of the engine and of this check under a name nobody recognises.
bool is_token(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (unsigned char c : s) {
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
        if (!ok) {
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
