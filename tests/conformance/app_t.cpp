// Conformance app T: upstream's test/App.py ("Test") with its blueprint, users, groups and hooks
// (tests/conformance/README.md lists every route and each difference). Configuration in app_t.toml
// (--config FILE overrides the path).

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <charconv>
#include <cstring>
#include <iostream>
#include <vector>

#include "app_t.hpp"
#include "app_t_pyform.hpp"
#include "subapp.hpp"
#include "users.hpp"

namespace sa = simpleauth;

// upstream's special parameter types Foo and Bla (Bla registered twice upstream: the second, "bla", wins)
template <>
struct simpleauth::special<conformance::Foo> {
    static conformance::Foo extract(Context&) { return {"foo"}; }
};
template <>
struct simpleauth::special<conformance::Bla> {
    static conformance::Bla extract(Context&) { return {"bla"}; }
};

namespace {

constexpr std::string_view early_prefix = "/early-return/";

// upstream's before-request hook: any request under /early-return/ answers "early return" with the
// status read from the rest of the path; a rest that is not an integer makes the hook fail (500)
std::optional<sa::http::Response> early_return(sa::http::Request& request) {
    std::string_view path = request.path;
    if (!path.starts_with(early_prefix)) {
        return std::nullopt;
    }
    std::string_view rest = path.substr(early_prefix.size());
    int status = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), status);
    if (ec != std::errc() || end != rest.data() + rest.size() || status < 100 || status > 999) {
        return sa::http::Response::text(500,
                                        "The server encountered an internal error and was unable to complete your "
                                        "request. Either the server is overloaded or there is an error in the "
                                        "application.",
                                        "text/plain");
    }
    return sa::http::Response::text(status, status == 204 ? "" : "early return", "text/html; charset=utf-8");
}

void declare_misc_routes(sa::App& app) {
    // ANY (deprecated OPEN); app and request injected upstream
    app.get<"/any">(sa::OPEN, [](sa::Context&, const sa::http::Request&) { return std::string("no-auth"); });
    app.get<"/something">(sa::OPEN, [] { return std::string("App"); });
    // NONE (deprecated CLOSE), [], and the routes registered without authorization: all closed
    app.get<"/nogo">(sa::CLOSE, [] { return std::string("nogo"); });
    app.get<"/mis1">(sa::CLOSE, [] { return std::string("mis1"); });
    app.get<"/mis2">(sa::CLOSE, [] { return std::string("mis2"); });
    app.get<"/empty">(sa::CLOSE, [] { return std::string("empty"); });
    app.get<"/two">(sa::CLOSE, [] { return std::string("two"); });
    app.get<"/403">(sa::CLOSE, [] { return std::string("403"); });
    app.get<"/f2/get">(sa::OPEN, [] { return std::string("get ok"); });
    app.post<"/f2/post">(sa::OPEN, [] { return std::string("post ok"); });
    app.put<"/f2/put">(sa::OPEN, [] { return std::string("put ok"); });
    app.delete_<"/f2/delete">(sa::OPEN, [] { return std::string("delete ok"); });
    app.patch<"/f2/patch">(sa::OPEN, [] { return std::string("patch ok"); });
    app.get<"/oops">(sa::OPEN, []() -> std::string { throw sa::ErrorResponse("Ooops!", 518); });
    // never reached: the before-request hook answers first
    app.get<"/early-return/<code>">(sa::OPEN, [](sa::Param<"code", int> code) { return std::to_string(*code); });
    // the request URL as the client addressed the server, without the query string
    app.get<"/request">(sa::OPEN, [](const sa::http::Request& r) {
        const std::string* host = r.headers.find("Host");
        return std::string(r.secure ? "https://" : "http://") + (host != nullptr ? *host : "") + r.path;
    });
    app.get<"/special">(sa::OPEN,
                        [](conformance::Foo foo, conformance::Bla bla) { return foo.value + "-" + bla.value; });
}

}  // namespace

int main(int argc, char** argv) try {
    std::string config_file = APP_T_CONFIG;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_file = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    auto options = sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});
    sa::App app{"Test"};
    app.config().from_file(config_file);
    conformance::init_users(app);
    for (const char* g : {"0", "1", "2"}) {
        app.add_group(g);
    }
    app.before_request(early_return);
    conformance::register_subapp(app, "/b1", "App");
    declare_misc_routes(app);
    conformance::declare_auth_routes(app);
    conformance::declare_param_routes(app);
    app.check();
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "app_t: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "app_t: " << e.what() << '\n';
    return 1;
}
