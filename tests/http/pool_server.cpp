// A server for the black-box tests of the worker pool (tests/http/test_pool.py): password checks whose
// get_user_pass hook is slow like a database, token and OPEN routes that must stay fast meanwhile, and
// a blocking write route that appends to a file, for shutdown under writes.
//   --hook-delay-ms N  what each get_user_pass call and each write sleeps (FSA_CACHE is off: every login
//                      calls the hook)
//   --store FILE       where POST /write appends its id, one line per accepted write
// Users: calvin/hobbes (plaintext passwords: the hook's delay is the only cost).

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sa = simpleauth;
using sa::Param;

int main(int argc, char** argv) try {
    int hook_delay_ms = 0;
    std::string store;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--hook-delay-ms") == 0 && i + 1 < argc) {
            hook_delay_ms = std::stoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--store") == 0 && i + 1 < argc) {
            store = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    auto options = sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});
    sa::App app{"pool-test"};
    app.config().from_string(
        "FSA_AUTH = [\"none\", \"token\", \"basic\"]\n"
        "FSA_PASSWORD_SCHEME = \"plaintext\"\n"
        "FSA_CACHE = \"none\"\n"
        "FSA_MODE = \"prod\"\n"
        "FSA_TOKEN_SECRET = \"pool test secret, long enough for HS256 0123456789\"\n");

    app.get_user_pass([hook_delay_ms](std::string_view login) -> std::optional<std::string> {
        std::this_thread::sleep_for(std::chrono::milliseconds(hook_delay_ms));  // a database round trip
        return login == "calvin" ? std::optional<std::string>("hobbes") : std::nullopt;
    });

    app.get<"/open">(sa::OPEN, []() -> std::string { return "open"; });
    app.get<"/basic">(sa::AUTH, sa::authn<"basic">, [](sa::CurrentUser user) { return user.login(); });
    app.get<"/token">(sa::AUTH, sa::authn<"token">, [](sa::CurrentUser user) { return user.login(); });
    app.get<"/login">(
        sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser user) { return app.create_token(user.login()); });

    static std::mutex store_mutex;
    app.post<"/write">(sa::OPEN, sa::blocking, [store, hook_delay_ms](Param<"id", std::string> id) {
        std::this_thread::sleep_for(std::chrono::milliseconds(hook_delay_ms));  // a database round trip
        std::lock_guard lock(store_mutex);
        std::FILE* f = std::fopen(store.c_str(), "a");
        if (f == nullptr) {
            throw sa::ErrorResponse("cannot open the store", 500);
        }
        // written and closed before the answer: a 2xx means the line is in the file
        bool ok = std::fprintf(f, "%s\n", id->c_str()) > 0;
        ok = std::fclose(f) == 0 && ok;
        if (!ok) {
            throw sa::ErrorResponse("cannot write the store", 500);
        }
        return sa::Reply(*id, 201);
    });
    return sa::serve(app, options);
} catch (const std::exception& e) {
    std::cerr << "pool_server: " << e.what() << "\n";
    return 2;
}
