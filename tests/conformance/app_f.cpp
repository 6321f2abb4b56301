// Conformance app F: upstream's test/AppFact.py ("4ops"), route for route (tests/conformance/README.md).
// Configuration in app_f.toml (--config FILE overrides the path).

#include <simpleauth/json.hpp>
#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <atomic>
#include <cstring>
#include <iostream>
#include <set>
#include <stdexcept>
#include <vector>

#include "subapp.hpp"
#include "users.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace {

// Python's // on integers: rounded toward minus infinity; a zero divisor raises (a 500)
long long floor_div(long long i, long long j) {
    if (j == 0) {
        throw std::domain_error("integer division or modulo by zero");
    }
    long long q = i / j;
    return (i % j != 0 && ((i < 0) != (j < 0))) ? q - 1 : q;
}

// SimpleAuth has no public cache statistics: /hits counts what the hooks see instead (each hook call
// is a cache miss that adds an entry; hits are invisible, so the ratio stays 0.0). See README.
std::atomic<long> hook_calls{0};

void declare_routes(sa::App& app) {
    app.get<"/mul">(sa::AUTH, [](Param<"i", long long> i, Param<"j", long long> j) { return std::to_string(*i * *j); });
    app.get<"/add">(sa::AUTH, [](Param<"i", long long> i, Param<"j", long long> j) { return std::to_string(*i + *j); });
    app.get<"/div">(sa::AUTH,
                    [](Param<"i", long long> i, Param<"j", long long> j) { return std::to_string(floor_div(*i, *j)); });
    app.get<"/sub">(sa::AUTH, [](Param<"i", long long> i, Param<"j", long long> j) { return std::to_string(*i - *j); });
    app.get<"/something">(sa::AUTH, [] { return std::string("AppFact"); });
    app.get<"/admin">(sa::authz<"0">, [] { return std::string("admin!"); });
    app.get<"/self/<login>">(sa::object<"users", "login">,
                             [](Param<"login", std::string> login) { return "hello: " + *login; });
    app.get<"/hits">(sa::authz<"0">, [] { return sa::json(sa::Json::array({hook_calls.load(), 0.0})); });
    // declared upstream only when the token type is jwt, which it is here
    app.get<"/perm/jwt-authz">(
        sa::authz<"character">, sa::authn<"oauth">, [](sa::CurrentUser user) { return "jwt-authz: " + user.login(); });
}

}  // namespace

int main(int argc, char** argv) try {
    std::string config_file = APP_F_CONFIG;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_file = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    auto options = sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});
    sa::App app{"4ops"};
    app.config().from_file(config_file);
    conformance::init_users(app, &hook_calls);  // counted: the cache misses of /hits
    // no admin override, unlike T: only oneself; an unknown user is "no such object" (404)
    app.object_perms("users", [](std::string_view user, std::string value, std::string_view) -> std::optional<bool> {
        ++hook_calls;
        auto& u = conformance::users();
        std::lock_guard lock(u.mutex);
        if (!u.clear.contains(value)) {
            return std::nullopt;
        }
        return user == value;
    });
    conformance::register_subapp(app, "/b", "AppFact");
    declare_routes(app);
    app.check();
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "app_f: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "app_f: " << e.what() << '\n';
    return 1;
}
