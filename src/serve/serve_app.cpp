// Serving an App: validate it, log the audit table, hand its pipeline to the engine.

#include <cstdio>

#include "core/log.hpp"
#include "core/pipeline.hpp"
#include "simpleauth/app.hpp"
#include "simpleauth/server.hpp"

namespace simpleauth {

int serve(App& app, const ServerOptions& options) {
    app.check();  // a ConfigError here stops the start-up before any socket is bound
    if (options.print_routes || options.print_openapi) {
        std::fputs((options.print_routes ? app.audit_table() : app.openapi()).c_str(), stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    detail::log(detail::LogLevel::info, "routes of " + app.name() + ":");
    std::string table = app.audit_table();
    for (std::size_t start = 0, end; start < table.size(); start = end + 1) {
        end = table.find('\n', start);
        detail::log(detail::LogLevel::info, std::string_view(table).substr(start, end - start));
    }
    // password checks and sa::blocking routes run on the server's worker pool (src/server/README.md)
    detail::AppState& state = app.state();
    Service service{[&app](http::Request& request) { return app.handle(request); },
                    [&state](const http::Request& request) { return detail::Pipeline::blocks(state, request); },
                    [&app, &state](http::Request& request) { return detail::Pipeline::busy(app, state, request); }};
    return serve(service, options);
}

}  // namespace simpleauth
