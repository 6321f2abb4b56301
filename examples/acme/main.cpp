// The acme server: configuration from the file named by --config or $ACME_CONFIG, the database
// created on first start, then served until SIGTERM/SIGINT.

#include <simpleauth/server.hpp>
#include <simpleauth/simpleauth.hpp>

#include <cstring>
#include <iostream>
#include <vector>

#include "model.hpp"

namespace sa = simpleauth;

namespace acme {
void declare_routes(sa::App& app);
namespace auth {
void init_app(sa::App& app);
}
}  // namespace acme

namespace {
sa::App* the_app = nullptr;
std::string hash(std::string_view password) {
    return the_app->hash_password(password);
}
}  // namespace

int main(int argc, char** argv) try {
    // --config FILE is ours; the rest (--host, --port, --threads) is the server's
    std::string config_file;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_file = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    sa::ServerOptions options =
        sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});

    sa::App app{"acme"};
    the_app = &app;
    if (config_file.empty()) {
        app.config().from_envvar("ACME_CONFIG");  // like app.config.from_envvar("ACME_CONFIG")
    } else {
        app.config().from_file(config_file);
    }
    acme::auth::init_app(app);
    acme::declare_routes(app);
    app.check();  // every start-up error at once, before the database or the socket
    acme::model::open(app.config().app_setting("acme.database").value_or("acme.db"), hash);
    return sa::serve(app, options);
} catch (const sa::ConfigError& e) {
    std::cerr << "acme: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "acme: " << e.what() << '\n';
    return 1;
}
