// A server for the black-box tests of authentication: one configuration file (--config) decides the
// schemes; the routes cover every kind of authorization. Users: calvin/hobbes-1, susie/calvin-3
// (bcrypt, or the plain passwords for digest), the custom scheme "api-key" (header X-Api-Key: let-me-in).
// POST /password changes the current user's password (form parameter new_password).

#include <simpleauth/json.hpp>
#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <vector>

namespace sa = simpleauth;
using sa::Param;

int main(int argc, char** argv) try {
    std::string config_file;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_file = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    auto options = sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});
    sa::App app{"auth-test"};
    app.config().from_file(config_file);
    app.config().from_env();

    static const std::map<std::string, std::string> passwords{{"calvin", "hobbes-1"}, {"susie", "calvin-3"}};
    static std::map<std::string, std::string> stored;  // what get_user_pass returns
    static std::mutex stored_mutex;                    // POST /password writes it from a worker thread
    bool digest = false;
    for (const auto& s : app.config().get_list("FSA_AUTH")) {
        digest = digest || s == "digest" || s == "http-digest";
    }
    app.get_user_pass([](std::string_view login) -> std::optional<std::string> {
        std::lock_guard lock(stored_mutex);
        auto it = stored.find(std::string(login));
        return it == stored.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    app.user_in_group(
        [](std::string_view login, std::string_view group) { return group == "admin" && login == "calvin"; });
    app.authentication("api-key", [](sa::Context& ctx) -> std::optional<std::string> {
        const std::string* key = ctx.request().headers.find("X-Api-Key");
        if (key == nullptr) {
            return std::nullopt;
        }
        if (*key != "let-me-in") {
            sa::http::Headers h;
            h.add("Oops", "bad key");
            throw sa::ErrorResponse("bad api key", 401, h);
        }
        return "robot";
    });

    std::vector<std::string> authn = app.config().get_list("FSA_AUTH");
    bool oauth = std::find(authn.begin(), authn.end(), "oauth") != authn.end();
    bool basic = std::find(authn.begin(), authn.end(), "basic") != authn.end();

    app.get<"/open">(sa::OPEN, [](std::optional<sa::CurrentUser> u) { return u ? u->login() : std::string("-"); });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.post<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/admin">(sa::authz<"admin">, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/closed">(sa::CLOSE, [] { return "never"; });
    app.get<"/token">(sa::AUTH, [&app](sa::CurrentUser u, Param<"scope", std::string, ""> scope) {
        sa::TokenOptions options;
        std::string_view rest = *scope;
        while (!rest.empty()) {
            auto space = rest.find(' ');
            options.scope.emplace_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? "" : rest.substr(space + 1);
        }
        return sa::json(app.create_token(u.login(), options));
    });
    // a password change as an application makes it: the new hash stored, then the cached one dropped
    app.post<"/password">(sa::AUTH, [&app](sa::CurrentUser u, Param<"new_password", std::string> password) {
        std::string hash = app.hash_password(*password, false);
        std::lock_guard lock(stored_mutex);
        stored[std::string(u.login())] = hash;
        app.password_uncache(u.login());
        return std::string("changed");
    });
    if (basic) {
        app.get<"/login">(
            sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser u) { return sa::json(app.create_token(u.login())); });
    }
    if (oauth) {
        app.get<"/read">(sa::authz<"read">, sa::authn<"oauth">, [](sa::CurrentUser u) { return u.login(); });
        app.get<"/write">(sa::authz<"read", "write">, sa::authn<"oauth">, [](sa::CurrentUser u) { return u.login(); });
    }
    app.check();
    for (const auto& [login, password] : passwords) {
        stored[login] = digest ? password : app.hash_password(password, false);
    }
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "auth_server: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "auth_server: " << e.what() << '\n';
    return 1;
}
