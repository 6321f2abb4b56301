// A server for the black-box tests of fail-closed hooks (REQ-AUTHZ-03), the authentication audit log
// (REQ-LOG-03) and connection exhaustion (REL-04): tests/http/test_fail_closed.py, test_auth_events.py,
// test_connection_exhaustion.py. FSA_* environment variables are read after the built-in configuration.
//
// Users: calvin/hobbes-1 (group admin, owner of thing 1), hobbes/susie-2. A hook throws when asked to:
// get_user_pass for the login "boom-pass", group_check for "boom-group", user_in_group for "boom-member",
// object_perms for thing 666, the "key" scheme for X-Key: boom, before_request and before_exec for
// X-Boom: request or exec. Every hook-guarded handler counts its calls (GET /calls): a failed hook must
// never reach one. GET /file opens a file, as a database or a log would.

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

namespace sa = simpleauth;
using sa::Param;

namespace {

std::atomic<long> handler_calls{0};

[[noreturn]] void boom(const char* hook) {
    throw std::runtime_error(std::string("SECRET-HOOK-DETAIL in ") + hook);
}

bool header_is(const sa::http::Request& request, std::string_view name, std::string_view value) {
    const std::string* h = request.headers.find(name);
    return h != nullptr && *h == value;
}

}  // namespace

int main(int argc, char** argv) try {
    auto options = sa::server_options_from_args(argc, argv);
    sa::App app{"hardening"};
    app.config().from_string(
        "FSA_AUTH = [\"key\", \"basic\", \"none\"]\n"
        "FSA_PASSWORD_OPTS = { rounds = 4 }\n"
        "FSA_THROTTLE_OPTS = { account = 3, address = 0 }\n");
    app.config().from_env();
    std::map<std::string, std::string, std::less<>> hashes{
        {"calvin", app.hash_password("hobbes-1", false)},
        {"hobbes", app.hash_password("susie-2", false)},
        {"boom-group", app.hash_password("boom-1", false)},
        {"boom-member", app.hash_password("boom-1", false)},
    };

    app.authentication("key", [](sa::Context& ctx) -> std::optional<std::string> {
        if (header_is(ctx.request(), "X-Key", "boom")) {
            boom("the key scheme");
        }
        return std::nullopt;  // not this scheme's request: the next one is tried
    });
    app.get_user_pass([&hashes](std::string_view login) -> std::optional<std::string> {
        if (login == "boom-pass") {
            boom("get_user_pass");
        }
        auto it = hashes.find(login);
        return it == hashes.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    app.group_check("admin", [](std::string_view login) {
        if (login == "boom-group") {
            boom("group_check");
        }
        return login == "calvin";
    });
    app.user_in_group([](std::string_view login, std::string_view) {
        if (login == "boom-member") {
            boom("user_in_group");
        }
        return true;
    });
    app.object_perms("thing", [](std::string_view login, int id, std::string_view) -> std::optional<bool> {
        if (id == 666) {
            boom("object_perms");
        }
        return id == 1 || id == 666 ? std::optional<bool>(login == "calvin") : std::nullopt;
    });
    app.before_request([](sa::http::Request& request) -> std::optional<sa::http::Response> {
        if (header_is(request, "X-Boom", "request")) {
            boom("before_request");
        }
        return std::nullopt;
    });
    app.before_exec([](sa::Context& ctx) -> std::optional<sa::http::Response> {
        if (header_is(ctx.request(), "X-Boom", "exec")) {
            boom("before_exec");
        }
        return std::nullopt;
    });

    app.get<"/calls">(sa::OPEN, [] { return std::to_string(handler_calls.load()); });
    app.get<"/open">(sa::OPEN, [] { return std::string("open"); });
    // what a database or a log file needs while every connection slot is taken: a descriptor
    app.get<"/file">(sa::OPEN, [] {
        std::FILE* f = std::fopen("/dev/null", "r");
        if (f == nullptr) {
            throw sa::ErrorResponse("no file descriptor left", 503);
        }
        std::fclose(f);
        return std::string("opened");
    });
    app.get<"/me">(sa::AUTH, [](sa::CurrentUser u) {
        ++handler_calls;
        return u.login();
    });
    app.get<"/admin">(sa::authz<"admin">, [](sa::CurrentUser u) {
        ++handler_calls;
        return u.login();
    });
    app.get<"/staff">(sa::authz<"staff">, [](sa::CurrentUser u) {  // no group_check: user_in_group decides
        ++handler_calls;
        return u.login();
    });
    app.get<"/thing/<id>">(sa::object<"thing", "id">, [](Param<"id", int> id) {
        ++handler_calls;
        return std::to_string(*id);
    });
    return sa::serve(app, options);
} catch (const std::exception& e) {
    std::cerr << "hardening_server: " << e.what() << '\n';
    return 2;
}
