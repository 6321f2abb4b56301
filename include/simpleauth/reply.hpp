#pragma once
// What a handler returns: a Reply (body, status, content type, headers), a std::string (200, text),
// an http::Response, or nothing (200, empty body). JSON replies: sa::json(...) in simpleauth/json.hpp.

#include <string>
#include <utility>

#include "simpleauth/http/headers.hpp"

namespace simpleauth {

struct Reply {
    std::string body;
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    http::Headers headers;

    Reply(std::string body_, int status_ = 200) : body(std::move(body_)), status(status_) {}  // NOLINT
    Reply(const char* body_, int status_ = 200) : body(body_), status(status_) {}             // NOLINT
    Reply(std::string body_, int status_, std::string content_type_)
        : body(std::move(body_)), status(status_), content_type(std::move(content_type_)) {}

    Reply& header(std::string name, std::string value) {
        headers.add(std::move(name), std::move(value));
        return *this;
    }
};

}  // namespace simpleauth
