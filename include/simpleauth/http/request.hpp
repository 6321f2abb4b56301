#pragma once
// The engine-independent request: what the engine adapter hands to the core.

#include <string>

#include "simpleauth/http/headers.hpp"

namespace simpleauth::http {

struct Request {
    std::string method;       // "GET", as sent
    std::string path;         // raw path as sent, still percent-encoded, without the query
    std::string query;        // raw query string after '?', still percent-encoded ("" when none)
    std::string version;      // "HTTP/1.1"
    Headers headers;          // in the order received
    std::string body;         // the whole body (already de-chunked by the engine)
    std::string remote_addr;  // client address, without port ("127.0.0.1", "::1")
    bool secure = false;      // received over TLS
};

}  // namespace simpleauth::http
