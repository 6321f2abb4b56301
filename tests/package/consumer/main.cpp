// The smallest SimpleAuth service: one OPEN route. Built against the installed package, run with
// --routes by the test, which reads the route back from the audit table.

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>
#include <simpleauth/version.hpp>

#include <iostream>

namespace sa = simpleauth;

int main(int argc, char** argv) try {
    sa::App app{"consumer"};
    app.config().set("FSA_AUTH", std::string("none"));
    app.get<"/hello">(sa::OPEN, [] { return "hello from SimpleAuth " SIMPLEAUTH_VERSION_STRING; });
    return sa::serve(app, sa::server_options_from_args(argc, argv));
} catch (const std::exception& e) {
    std::cerr << "consumer: " << e.what() << '\n';
    return 2;
}
