#pragma once
// In-process requests for unit tests: no socket, the App's pipeline called directly.

#include <string>
#include <utility>
#include <vector>

#include "simpleauth/app.hpp"

namespace simpleauth {

class TestClient {
public:
    explicit TestClient(App& app) : app_(app) {}

    http::Response request(std::string method,
                           std::string target,
                           std::vector<std::pair<std::string, std::string>> headers = {},
                           std::string body = {}) {
        http::Request r;
        r.method = std::move(method);
        auto q = target.find('?');
        r.path = target.substr(0, q);
        r.query = q == std::string::npos ? "" : target.substr(q + 1);
        r.version = "HTTP/1.1";
        for (auto& [name, value] : headers) {
            r.headers.add(std::move(name), std::move(value));
        }
        r.body = std::move(body);
        r.remote_addr = remote_addr;
        return app_.handle(r);
    }
    http::Response get(std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
        return request("GET", std::move(target), std::move(headers));
    }
    http::Response post(std::string target,
                        std::string body,
                        std::string content_type,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Content-Type", std::move(content_type));
        return request("POST", std::move(target), std::move(headers), std::move(body));
    }

    std::string remote_addr = "127.0.0.1";  // the client address the App sees

private:
    App& app_;
};

}  // namespace simpleauth
