#pragma once
// The engine-independent response: what the core hands back to the engine adapter.

#include <string>

#include "simpleauth/http/headers.hpp"

namespace simpleauth::http {

struct Response {
    int status = 200;
    Headers headers;  // Content-Type included; the engine adds Date, Content-Length, Connection
    std::string body;
    bool close = false;  // ask the engine to close the connection after this response

    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

}  // namespace simpleauth::http
