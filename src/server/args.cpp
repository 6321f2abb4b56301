// Command-line flags of a server binary: --host, --port, --threads, --workers, --queue, --tls-cert, --tls-key,
// --routes, --openapi.

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "simpleauth/server.hpp"

namespace simpleauth {

namespace {

unsigned long parse_number(std::string_view flag, std::string_view text, unsigned long max) {
    unsigned long value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > max) {
        throw std::invalid_argument(std::string(flag) + " expects a number from 0 to " + std::to_string(max) +
                                    ", got \"" + std::string(text) + "\"");
    }
    return value;
}

// a count where 0 would mean nothing can run (or, for --workers and --queue, silently the default)
unsigned long parse_positive(std::string_view flag, std::string_view text, unsigned long max) {
    auto value = parse_number(flag, text, max);
    if (value == 0) {
        throw std::invalid_argument(std::string(flag) + " must be at least 1");
    }
    return value;
}

void print_usage(const char* program) {
    std::printf(
        "usage: %s [--host ADDRESS] [--port PORT] [--threads N] [--workers N] [--queue N] [--header-timeout S] "
        "[--tls-cert FILE --tls-key FILE] [--routes | --openapi]\n"
        "  --host ADDRESS   address to listen on (default 127.0.0.1)\n"
        "  --port PORT      TCP port, 0 for any free port (default 5000)\n"
        "  --threads N      I/O threads (default 1)\n"
        "  --workers N      threads for blocking requests: password checks, sa::blocking routes (default: cores)\n"
        "  --queue N        blocking requests that may wait for a worker before 503 (default: 16 per worker)\n"
        "  --header-timeout S  seconds a client has to send a whole request head, 0 for no limit (default 10)\n"
        "  --tls-cert FILE  PEM certificate (chain): serve HTTPS instead of HTTP\n"
        "  --tls-key FILE   PEM private key of that certificate (unencrypted)\n"
        "  --routes         print the routes (audit table) and exit\n"
        "  --openapi        print the OpenAPI 3.1 document and exit\n",
        program);
}

}  // namespace

ServerOptions server_options_from_args(int argc, char** argv, ServerOptions defaults) {
    ServerOptions options = std::move(defaults);
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string_view value;
        std::string_view flag = arg;
        bool inline_value = false;
        // both "--port 8080" and "--port=8080"
        if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
            flag = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inline_value = true;
        }
        if (flag == "--help" || flag == "-h") {
            print_usage(argc > 0 ? argv[0] : "server");
            std::exit(0);
        }
        if (arg == "--routes" || arg == "--openapi") {  // flags without a value
            (arg == "--routes" ? options.print_routes : options.print_openapi) = true;
            continue;
        }
        if (flag != "--host" && flag != "--port" && flag != "--threads" && flag != "--workers" && flag != "--queue" &&
            flag != "--tls-cert" && flag != "--tls-key" && flag != "--header-timeout") {
            throw std::invalid_argument("unknown option \"" + std::string(arg) +
                                        "\" (expected --host ADDRESS, --port PORT, --threads N, --workers N, --queue "
                                        "N, --header-timeout S, --tls-cert FILE, --tls-key FILE, --routes, --openapi)");
        }
        if (!inline_value) {
            if (i + 1 >= argc) {
                throw std::invalid_argument(std::string(flag) + " needs a value");
            }
            value = argv[++i];
        }
        if (flag == "--host") {
            if (value.empty()) {
                throw std::invalid_argument("--host needs a non-empty address");
            }
            options.host = std::string(value);
        } else if (flag == "--port") {
            options.port = static_cast<std::uint16_t>(parse_number(flag, value, 65535));
        } else if (flag == "--tls-cert" || flag == "--tls-key") {
            // an empty value would silently mean "plain HTTP"
            if (value.empty()) {
                throw std::invalid_argument(std::string(flag) + " needs a file name");
            }
            (flag == "--tls-cert" ? options.tls_cert_file : options.tls_key_file) = std::string(value);
        } else if (flag == "--header-timeout") {
            options.header_timeout = static_cast<unsigned>(parse_number(flag, value, 3600));
        } else if (flag == "--queue") {
            options.worker_queue = parse_positive(flag, value, 1000000);
        } else {
            auto threads = static_cast<unsigned>(parse_positive(flag, value, 1024));
            (flag == "--threads" ? options.threads : options.workers) = threads;
        }
    }
    return options;
}

}  // namespace simpleauth
