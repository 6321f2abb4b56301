#include "core/auth_events.hpp"

#include <string>

#include "core/log.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth::detail {

namespace {

struct EventKind {
    const char* name;
    LogLevel level;
};

// in AuthEvent's order
constexpr EventKind kKinds[] = {
    {"authn-ok", LogLevel::debug},
    {"authn-failed", LogLevel::info},
    {"authz-denied", LogLevel::warning},
    {"login-throttled", LogLevel::warning},
};

// a field a client chose (a login, a reason that may quote one): quotes and backslashes escaped so that
// it cannot end its field early; log() escapes control characters
void append_quoted(std::string& line, std::string_view text) {
    line += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') {
            line += '\\';
        }
        line += c;
    }
    line += '"';
}

}  // namespace

void log_auth_event(AuthEvent event,
                    const Context& ctx,
                    std::string_view scheme,
                    std::optional<std::string_view> user,
                    int status,
                    std::string_view reason) {
    const EventKind& kind = kKinds[static_cast<int>(event)];
    LogLevel level = kind.level;
    if (!log_enabled(level)) {
        return;
    }
    std::string line = "auth event=";
    line += kind.name;
    line += " scheme=";
    line += scheme.empty() ? "-" : scheme;
    line += " user=";
    if (user) {
        append_quoted(line, *user);
    } else {
        line += '-';
    }
    line += " client=" + ctx.request().remote_addr + " route=";
    append_quoted(line, ctx.route().method + " " + ctx.route().path);
    line += " status=" + std::to_string(status) + " reason=";
    append_quoted(line, reason);
    log(level, line);
}

}  // namespace simpleauth::detail
