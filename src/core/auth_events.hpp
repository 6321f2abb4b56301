#pragma once
// The authentication and authorization audit trail (REQ-LOG-03): one structured line per event, e.g.
//   2026-11-29T09:30:00Z warning auth event=authz-denied scheme=basic user="hobbes" client=127.0.0.1
//   route="POST /store/<sid>/product" status=403 reason="permission denied on store:sid (manager)"
// The time is the line's UTC prefix. Never a password, a token, an Authorization value or a query string:
// the route is the declared pattern, the user the login claimed or authenticated, quoted and escaped.

#include <optional>
#include <string_view>

#include "simpleauth/context.hpp"

namespace simpleauth::detail {

enum class AuthEvent {
    authn_ok,         // debug: every authenticated request would log it
    authn_failed,     // info: the route's schemes all failed (401)
    authz_denied,     // warning: an authenticated user refused by a group, scope or object permission (403)
    login_throttled,  // warning: a password login refused by FSA_THROTTLE (429)
};

void log_auth_event(AuthEvent event,
                    const Context& ctx,
                    std::string_view scheme,
                    std::optional<std::string_view> user,
                    int status,
                    std::string_view reason);

}  // namespace simpleauth::detail
