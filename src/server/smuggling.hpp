#pragma once
// Request framing checks that close request smuggling (DESIGN.md §5) whatever the engine lets through:
// the adapter runs them on the request head before any body byte is handed to the application.

#include <cstdint>
#include <optional>
#include <string_view>

#include "simpleauth/http/headers.hpp"
#include "simpleauth/http/request.hpp"

namespace simpleauth::server {

struct Framing {
    bool chunked = false;
    std::optional<std::uint64_t> content_length;  // when a (single, valid) Content-Length was sent
};

struct FramingError {
    std::string_view reason;  // a short, constant message for the 400 body
};

// Checks how the body of a request is delimited. Refuses: Content-Length together with
// Transfer-Encoding, a Transfer-Encoding whose last coding is not "chunked" (or any on HTTP/1.0),
// several Content-Length fields (even equal), a Content-Length that is not 1*DIGIT or overflows,
// field names that are not tokens, and values holding control characters (what obsolete line
// folding or a bare CR leaves behind).
// Returns the framing, or the reason for a 400.
struct FramingResult {
    std::optional<Framing> framing;
    FramingError error;
};
FramingResult check_framing(std::string_view version, const http::Headers& headers);

// The method is a token and the target holds no whitespace, control or non-ASCII byte (MHD 0.9.75
// keeps a space in "GET / x HTTP/1.1" inside the path).
bool valid_request_line(const http::Request& request);

// 1*DIGIT without sign, spaces or overflow; nullopt otherwise.
std::optional<std::uint64_t> parse_content_length(std::string_view text);

}  // namespace simpleauth::server
