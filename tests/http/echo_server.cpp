// Test server for the engine adapter: answers every request with a plain-text description of what
// the handler received, so black-box tests can see the request view exactly.
//
// Paths with a meaning: /throw (the handler throws), /close (Response.close), /slow (sleeps
// --slow-ms first), /bad-header (a response header with CR LF, which must never be sent).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "simpleauth/server.hpp"

namespace {

using simpleauth::http::Request;
using simpleauth::http::Response;

unsigned long number(std::string_view flag, const char* text) {
    char* end = nullptr;
    unsigned long value = std::strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0') {
        throw std::invalid_argument(std::string(flag) + " expects a number");
    }
    return value;
}

std::string describe(const Request& request) {
    std::string out;
    out += "method: " + request.method + "\n";
    out += "path: " + request.path + "\n";
    out += "query: " + request.query + "\n";
    out += "version: " + request.version + "\n";
    out += "remote: " + request.remote_addr + "\n";
    out += std::string("secure: ") + (request.secure ? "true" : "false") + "\n";
    for (const auto& field : request.headers) {
        out += "header: " + field.name + ": " + field.value + "\n";
    }
    out += "body-length: " + std::to_string(request.body.size()) + "\n";
    out += "body: " + request.body;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    simpleauth::ServerOptions defaults;
    unsigned long slow_ms = 0;
    // test flags are taken out here; the rest goes to the library's own parser
    std::vector<char*> rest{argv[0]};
    try {
        for (int i = 1; i < argc; ++i) {
            std::string_view flag = argv[i];
            auto value = [&]() -> unsigned long {
                if (i + 1 >= argc) {
                    throw std::invalid_argument(std::string(flag) + " needs a value");
                }
                return number(flag, argv[++i]);
            };
            if (flag == "--max-body") {
                defaults.max_body_size = value();
            } else if (flag == "--memory-limit") {
                defaults.connection_memory_limit = value();
            } else if (flag == "--timeout") {
                defaults.connection_timeout = static_cast<unsigned>(value());
            } else if (flag == "--per-ip-limit") {
                defaults.per_ip_connection_limit = static_cast<unsigned>(value());
            } else if (flag == "--max-connections") {
                defaults.max_connections = static_cast<unsigned>(value());
            } else if (flag == "--shutdown-timeout") {
                defaults.shutdown_timeout = static_cast<unsigned>(value());
            } else if (flag == "--slow-ms") {
                slow_ms = value();
            } else {
                rest.push_back(argv[i]);
            }
        }
        auto options = simpleauth::server_options_from_args(static_cast<int>(rest.size()), rest.data(), defaults);
        return simpleauth::serve(
            [slow_ms](Request& request) {
                if (request.path == "/throw") {
                    throw std::runtime_error("secret detail that must not leak");
                }
                if (request.path == "/slow") {
                    std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
                }
                auto response = Response::text(200, describe(request));
                if (request.path == "/close") {
                    response.close = true;
                }
                if (request.path == "/bad-header") {
                    response.headers.add("X-Injected", "a\r\nSet-Cookie: evil=1");
                }
                return response;
            },
            options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "echo_server: %s\n", e.what());
        return 2;
    }
}
