#pragma once
// The two kinds of errors: ErrorResponse is an HTTP outcome thrown at request time by handlers and hooks;
// ConfigError stops the application at start-up.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "simpleauth/http/headers.hpp"

namespace simpleauth {

class ErrorResponse : public std::exception {
public:
    ErrorResponse(std::string message, int status, http::Headers headers = {}, std::string content_type = {})
        : message_(std::move(message)),
          status_(status),
          headers_(std::move(headers)),
          content_type_(std::move(content_type)) {}

    const char* what() const noexcept override { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }
    int status() const noexcept { return status_; }
    const http::Headers& headers() const noexcept { return headers_; }
    http::Headers& headers() noexcept { return headers_; }
    const std::string& content_type() const noexcept { return content_type_; }

private:
    std::string message_;
    int status_;
    http::Headers headers_;
    std::string content_type_;
};

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace simpleauth
