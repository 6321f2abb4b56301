// The server of the throughput benchmark (bench/run.sh): the application of bench_app.hpp served by the
// framework's engine adapter.
//
// Usage: bench_server [--token jwt|fsa] [--print-token USER] [--max-connections N]
//                     [--password-cache-ttl SECONDS] [server flags]
// With --print-token it prints a token for USER on stdout and exits (for wrk's scripts).
// --password-cache-ttl sets FSA_PASSWORD_CACHE_TTL: GET /basic then verifies bcrypt once per TTL.

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench_app.hpp"

namespace sa = simpleauth;

int main(int argc, char** argv) try {
    std::string token_type = "jwt";
    std::string print_token_for;
    unsigned max_connections = 0;
    long long password_cache_ttl = 0;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--token") == 0 && i + 1 < argc) {
            token_type = argv[++i];
        } else if (std::strcmp(argv[i], "--print-token") == 0 && i + 1 < argc) {
            print_token_for = argv[++i];
        } else if (std::strcmp(argv[i], "--max-connections") == 0 && i + 1 < argc) {
            max_connections = static_cast<unsigned>(std::stoul(argv[++i]));
        } else if (std::strcmp(argv[i], "--password-cache-ttl") == 0 && i + 1 < argc) {
            password_cache_ttl = std::stoll(argv[++i]);
        } else {
            server_args.push_back(argv[i]);
        }
    }
    sa::ServerOptions options =
        sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});
    options.max_connections = max_connections;

    sa::App app{"bench"};
    bench::setup(app, token_type, password_cache_ttl);
    if (!print_token_for.empty()) {
        std::cout << app.create_token(print_token_for) << '\n';
        return 0;
    }
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "bench_server: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "bench_server: " << e.what() << '\n';
    return 1;
}
