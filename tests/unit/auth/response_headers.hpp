#pragma once
// Test helper: every value of a response header, in order (several Set-Cookie or WWW-Authenticate lines).

#include <simpleauth/http/response.hpp>

#include <string>
#include <string_view>
#include <vector>

inline std::vector<std::string> all(const simpleauth::http::Response& r, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& f : r.headers) {
        if (simpleauth::http::iequals(f.name, name)) {
            out.push_back(f.value);
        }
    }
    return out;
}
