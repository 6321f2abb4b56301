#include <algorithm>

#include "core/body_parse.hpp"
#include "core/multipart.hpp"
#include "core/pipeline.hpp"
#include "core/url_decode.hpp"
#include "simpleauth/context.hpp"

namespace simpleauth {

const RawValue* Context::path_value(std::string_view name) const noexcept {
    for (const auto& [n, v] : path_values_) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

void Context::parse_request_parameters() {
    if (request_values_parsed_) {
        return;
    }
    request_values_parsed_ = true;
    if (!detail::parse_urlencoded(request_.query, request_values_)) {
        body_errors_.emplace_back("malformed percent-encoding in the query string");
    }
    if (request_.body.empty()) {
        return;
    }
    const std::string* type = request_.headers.find("Content-Type");
    std::string_view media = type != nullptr ? std::string_view(*type) : std::string_view();
    media = media.substr(0, media.find(';'));
    while (!media.empty() && media.back() == ' ') {
        media.remove_suffix(1);
    }
    if (http::iequals(media, "application/x-www-form-urlencoded")) {
        if (!detail::parse_urlencoded(request_.body, request_values_)) {
            body_errors_.emplace_back("malformed percent-encoding in the form body");
        }
    } else if (http::iequals(media, "multipart/form-data")) {
        std::string error = detail::parse_multipart(*type, request_.body, request_values_);
        if (!error.empty()) {
            body_errors_.push_back(std::move(error));
        }
    } else if (http::iequals(media, "application/json")) {
        std::string error = detail::parse_json_body(request_.body, request_values_);
        if (!error.empty()) {
            body_errors_.push_back(std::move(error));
        }
    }
    // other bodies are left to handlers that take the request
}

const std::vector<std::pair<std::string, RawValue>>& Context::request_parameters() {
    parse_request_parameters();
    return request_values_;
}

std::vector<const RawValue*> Context::request_values(std::string_view name) {
    parse_request_parameters();
    std::vector<const RawValue*> found;
    for (const auto& [n, v] : request_values_) {
        if (n == name) {
            found.push_back(&v);
        }
    }
    return found;
}

bool Context::has_scope(std::string_view scope) const noexcept {
    return std::find(scopes_.begin(), scopes_.end(), scope) != scopes_.end();  // whole words, never substrings
}

// RFC 6265 Cookie header: "a=1; b=2", several headers allowed, in the order sent
const std::vector<std::pair<std::string, std::string>>& Context::cookies() {
    if (!cookies_parsed_) {
        cookies_parsed_ = true;
        for (const auto& field : request_.headers) {
            if (!http::iequals(field.name, "Cookie")) {
                continue;
            }
            std::string_view rest = field.value;
            while (!rest.empty()) {
                std::size_t semi = rest.find(';');
                std::string_view pair = rest.substr(0, semi);
                rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
                while (!pair.empty() && pair.front() == ' ') {
                    pair.remove_prefix(1);
                }
                std::size_t eq = pair.find('=');
                if (eq == std::string_view::npos || eq == 0) {
                    continue;
                }
                std::string_view value = pair.substr(eq + 1);
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                cookies_.emplace_back(std::string(pair.substr(0, eq)), std::string(value));
            }
        }
    }
    return cookies_;
}

// the first value of a name wins
const std::string* Context::cookie(std::string_view name) {
    for (const auto& [n, v] : cookies()) {
        if (n == name) {
            return &v;
        }
    }
    return nullptr;
}

std::optional<std::string_view> Context::user(bool required) {
    return detail::Pipeline::authenticate(*this, required);
}

}  // namespace simpleauth
