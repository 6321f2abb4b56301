// A server for the black-box tests of caching, hooks, error rendering, CORS, 401 redirects, modes and
// route groups (tests/http/test_features*.py). One configuration file (--config, TOML; FSA_* environment
// variables read too) decides the directives; [features] renderer = "custom" selects a custom error
// renderer.
//
// Users live in an in-memory table whose hooks count their calls (GET /stats). OPEN test routes under
// /admin change the table and call the uncache API, so that a test can observe a stale cached answer,
// invalidate it and observe the fresh one. Users: calvin/hobbes-1 (group admin, may read doc 1),
// susie/calvin-3. Documents 1 and 2 exist; doc 3 does not (object permission hook: nullopt).

#include <simpleauth/json.hpp>
#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <atomic>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace sa = simpleauth;
using sa::Param;

namespace {

struct Users {
    std::mutex mutex;
    std::map<std::string, std::string, std::less<>> passwords;          // login -> hash
    std::set<std::pair<std::string, std::string>, std::less<>> groups;  // (login, group)
    std::map<std::tuple<std::string, int, std::string>, bool> perms;    // (login, doc, mode) -> allowed
    std::set<int> docs{1, 2};
    std::atomic<long> user_pass_calls{0};
    std::atomic<long> group_check_calls{0};
    std::atomic<long> object_perms_calls{0};
};

Users users;

sa::Reply boolean(bool value) {
    return sa::json(value);
}

}  // namespace

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
    sa::App app{"features-test"};
    if (!config_file.empty()) {
        app.config().from_file(config_file);
    }
    app.config().from_env();

    // --- authentication hooks, counting their calls ---
    app.get_user_pass([](std::string_view login) -> std::optional<std::string> {
        ++users.user_pass_calls;
        std::lock_guard lock(users.mutex);
        auto it = users.passwords.find(login);
        return it == users.passwords.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    app.group_check("admin", [](std::string_view login) {
        ++users.group_check_calls;
        std::lock_guard lock(users.mutex);
        return users.groups.contains(std::pair<std::string, std::string>(login, "admin"));
    });
    app.object_perms("doc", [](std::string_view login, int id, std::string_view mode) -> std::optional<bool> {
        ++users.object_perms_calls;
        std::lock_guard lock(users.mutex);
        if (!users.docs.contains(id)) {
            return std::nullopt;
        }
        auto it = users.perms.find({std::string(login), id, std::string(mode)});
        return it != users.perms.end() && it->second;
    });

    // --- hooks around requests ---
    app.before_request([](sa::http::Request& request) -> std::optional<sa::http::Response> {
        const std::string* h = request.headers.find("X-Short-Circuit");
        if (h != nullptr && *h == "yes") {
            return sa::http::Response::text(418, "short-circuited");
        }
        return std::nullopt;
    });
    app.before_exec([](sa::Context& ctx) -> std::optional<sa::http::Response> {
        const std::string* h = ctx.request().headers.find("X-Exec");
        if (h != nullptr && *h == "stop") {
            auto user = ctx.user(false);
            return sa::http::Response::text(299, "stopped before exec for " + std::string(user ? *user : "-"));
        }
        return std::nullopt;
    });
    app.after_request([](const sa::http::Request&, sa::http::Response& response) {
        response.headers.add("X-After", "after-" + std::to_string(response.status));
    });
    app.add_header("X-Static", "static-value");
    app.add_header("X-Error-Status", [](const sa::http::Response& r) -> std::optional<std::string> {
        if (r.status < 400) {
            return std::nullopt;
        }
        return "error-" + std::to_string(r.status);
    });
    if (app.config().app_setting("features.renderer").value_or("") == "custom") {
        app.error_response([](const std::string& message,
                              int status,
                              const sa::http::Headers& headers,
                              const std::string& content_type) {
            sa::http::Response r =
                sa::http::Response::text(status,
                                         "custom[" + std::to_string(status) + "]: " + message,
                                         content_type.empty() ? "application/x-custom" : content_type);
            for (const auto& f : headers) {
                r.headers.add(f.name, f.value);
            }
            r.headers.add("X-Renderer", "custom");
            return r;
        });
    }

    // --- routes ---
    app.get<"/stats">(sa::OPEN, [] {
        return sa::json({{"user_pass", users.user_pass_calls.load()},
                         {"group_check", users.group_check_calls.load()},
                         {"object_perms", users.object_perms_calls.load()}});
    });
    app.get<"/open">(sa::OPEN, [] { return std::string("open"); });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.post<"/me">(sa::AUTH, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/admin-only">(sa::authz<"admin">, [](sa::CurrentUser u) { return u.login(); });
    app.get<"/doc/<id>">(sa::object<"doc", "id", "read">,
                         [](Param<"id", int> id) { return "doc " + std::to_string(*id); });
    app.get<"/token">(sa::AUTH, [&app](sa::CurrentUser u, Param<"delay", std::optional<double>> delay) {
        sa::TokenOptions o;
        o.delay = *delay;
        return sa::json(app.create_token(u.login(), o));
    });
    app.get<"/exec">(sa::AUTH,
                     [](sa::CurrentUser u, Param<"n", int> n) { return u.login() + " " + std::to_string(*n); });
    app.get<"/error/custom">(sa::OPEN, []() -> std::string {
        sa::http::Headers h;
        h.add("X-Custom", "custom-header");
        h.add("Retry-After", "7");
        throw sa::ErrorResponse("custom error", 418, h);
    });
    app.get<"/error/typed">(sa::OPEN,
                            []() -> std::string { throw sa::ErrorResponse("typed error", 400, {}, "text/x-typed"); });
    app.get<"/error/runtime">(sa::OPEN, []() -> std::string { throw std::runtime_error("SECRET-123"); });
    app.get<"/error/int">(sa::OPEN, []() -> std::string { throw 42; });  // NOLINT: a non-std exception on purpose

    // --- test administration: change the users' table, call the uncache API ---
    app.post<"/admin/reset-stats">(sa::OPEN, [] {
        users.user_pass_calls = 0;
        users.group_check_calls = 0;
        users.object_perms_calls = 0;
        return std::string("ok");
    });
    app.post<"/admin/set-password">(
        sa::OPEN, [&app](Param<"login", std::string> login, Param<"password", std::string, ""> password) {
            std::string hash = password->empty() ? std::string() : app.hash_password(*password, false);
            std::lock_guard lock(users.mutex);
            if (hash.empty()) {
                users.passwords.erase(*login);
            } else {
                users.passwords[*login] = hash;
            }
            return std::string("ok");
        });
    app.post<"/admin/set-group">(
        sa::OPEN, [](Param<"login", std::string> login, Param<"group", std::string> group, Param<"member", bool> in) {
            std::lock_guard lock(users.mutex);
            if (*in) {
                users.groups.emplace(*login, *group);
            } else {
                users.groups.erase({*login, *group});
            }
            return std::string("ok");
        });
    app.post<"/admin/set-perm">(sa::OPEN,
                                [](Param<"login", std::string> login,
                                   Param<"id", int> id,
                                   Param<"mode", std::string> mode,
                                   Param<"allowed", bool> allowed) {
                                    std::lock_guard lock(users.mutex);
                                    users.perms[{*login, *id, *mode}] = *allowed;
                                    return std::string("ok");
                                });
    app.post<"/admin/password-uncache">(
        sa::OPEN, [&app](Param<"login", std::string> login) { return boolean(app.password_uncache(*login)); });
    app.post<"/admin/group-uncache">(sa::OPEN,
                                     [&app](Param<"login", std::string> login, Param<"group", std::string> g) {
                                         return boolean(app.group_uncache(*login, *g));
                                     });
    app.post<"/admin/object-perms-uncache">(sa::OPEN,
                                            [&app](Param<"domain", std::string> domain,
                                                   Param<"login", std::string> login,
                                                   Param<"id", std::string> id,
                                                   Param<"mode", std::string> mode) {
                                                return boolean(app.object_perms_uncache(*domain, *login, {*id}, *mode));
                                            });
    app.post<"/admin/token-uncache">(
        sa::OPEN, [&app](Param<"token", std::string> token, Param<"realm", std::optional<std::string>> realm) {
            return boolean(realm->has_value() ? app.token_uncache(*token, **realm) : app.token_uncache(*token));
        });
    app.post<"/admin/user-token-uncache">(
        sa::OPEN, [&app](Param<"login", std::string> login, Param<"realm", std::optional<std::string>> realm) {
            return boolean(realm->has_value() ? app.user_token_uncache(*login, **realm)
                                              : app.user_token_uncache(*login));
        });
    app.post<"/admin/auth-uncache">(
        sa::OPEN, [&app](Param<"login", std::string> login) { return boolean(app.auth_uncache(*login)); });
    app.post<"/admin/clear-caches">(sa::OPEN, [&app] {
        app.clear_caches();
        return std::string("ok");
    });

    // --- a route group (blueprint) with basic only, its own realm and hooks; and a route outside it ---
    // (not {.authn = ..., .realm = ...}: -Wmissing-field-initializers would flag the internal `group` member)
    sa::RouteDefaults b1_defaults;
    b1_defaults.authn = {"basic"};
    b1_defaults.realm = "blue-realm";
    auto b1 = app.group("/b1", b1_defaults);
    b1.before_request([](sa::Context& ctx) -> std::optional<sa::http::Response> {
        const std::string* h = ctx.request().headers.find("X-B1-Stop");
        if (h != nullptr && *h == "yes") {
            return sa::http::Response::text(409, "stopped by b1");
        }
        return std::nullopt;
    });
    b1.after_request([](const sa::http::Request&, sa::http::Response& r) { r.headers.add("X-B1", "b1-hook"); });
    b1.get<"/me">(sa::AUTH, [](sa::CurrentUser u) { return "b1 " + u.login(); });
    app.get<"/other/me">(sa::AUTH, [](sa::CurrentUser u) { return "other " + u.login(); });

    app.check();
    {
        std::lock_guard lock(users.mutex);
        users.passwords["calvin"] = app.hash_password("hobbes-1", false);
        users.passwords["susie"] = app.hash_password("calvin-3", false);
        users.groups.emplace("calvin", "admin");
        users.perms[{"calvin", 1, "read"}] = true;
    }
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "features_server: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "features_server: " << e.what() << '\n';
    return 1;
}
