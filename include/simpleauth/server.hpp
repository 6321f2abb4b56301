#pragma once
// The HTTP server: GNU libmicrohttpd behind this interface (its headers stay in src/server).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"

namespace simpleauth {

class App;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 5000;                        // 0: an ephemeral port, printed on startup
    unsigned threads = 1;                             // I/O threads of the engine's epoll thread pool
    std::size_t connection_memory_limit = 64 * 1024;  // per connection: request line and headers must fit (else 431)
    std::size_t max_body_size = 1024 * 1024;          // larger bodies get 413 before being read
    unsigned connection_timeout = 30;                 // seconds of inactivity before a connection is closed
    unsigned header_timeout = 10;                     // seconds to send a whole request head (slowloris); 0: none
    unsigned per_ip_connection_limit = 0;             // 0: no limit
    unsigned max_connections = 0;                     // 0: RLIMIT_NOFILE minus 64 and 2 per I/O thread
    unsigned shutdown_timeout = 10;                   // seconds given to in-flight requests on SIGTERM/SIGINT
    unsigned workers = 0;                             // threads of the worker pool (Service::blocking); 0: cores
    std::size_t worker_queue = 0;                     // requests waiting for a worker before 503; 0: 16 per worker
    bool print_listening = true;                      // print "listening on http[s]://HOST:PORT" once accepting
    // PEM files, read once at start-up: both set serves HTTPS only (TLS 1.2 and 1.3), both empty plain
    // HTTP; one without the other, or a file that cannot be read, and the server does not start
    std::string tls_cert_file;
    std::string tls_key_file;
    // serve(App&) prints the audit table (--routes) or the OpenAPI document (--openapi) on stdout and
    // returns 0 without listening: what tools and CI read from a server binary
    bool print_routes = false;
    bool print_openapi = false;
};

using Handler = std::function<http::Response(http::Request&)>;

// What the engine runs. `handler` answers every request; those for which `blocking` says true (a
// password to verify, a route declared sa::blocking) are answered on the worker pool, their connection
// parked meanwhile, so that the I/O threads keep serving the others. When the pool's queue is full,
// `busy` answers at once (a 503 with Retry-After). Both may be empty: nothing blocks, a plain 503.
struct Service {
    Handler handler;
    std::function<bool(const http::Request&)> blocking;
    Handler busy;
};

// Serves until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests (those waiting
// for or running on the worker pool included) and returns 0 (non-zero when the drain timed out or the
// server could not start).
int serve(const Service& service, const ServerOptions& options);
int serve(const Handler& handler, const ServerOptions& options);
int serve(App& app, const ServerOptions& options);

// Reads --host, --port, --threads, --workers, --queue, --header-timeout, --tls-cert, --tls-key, --routes, --openapi
// from the command line into options; throws std::invalid_argument with a message a shell user understands on
// anything else.
ServerOptions server_options_from_args(int argc, char** argv, ServerOptions defaults = {});

}  // namespace simpleauth
