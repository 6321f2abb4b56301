// Which requests the server runs on its worker pool (REL-05): those that verify a password (a slow
// hash by design, and get_user_pass often queries a database) and routes declared sa::blocking. The
// check is cheap and runs on the I/O thread; token and OPEN requests stay there, without a hop, and so
// do basic credentials whose success FSA_PASSWORD_CACHE_TTL remembers.

#include <string_view>

#include "auth/credentials.hpp"
#include "auth/password_verdicts.hpp"
#include "auth/scheme.hpp"
#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/pipeline.hpp"
#include "core/route_memo.hpp"

namespace simpleauth::detail {

namespace {

bool authorization_is(const http::Request& request, std::string_view scheme) {
    const std::string* header = request.headers.find("Authorization");
    if (header == nullptr || header->size() <= scheme.size()) {
        return false;
    }
    return http::iequals(std::string_view(*header).substr(0, scheme.size()), scheme) && (*header)[scheme.size()] == ' ';
}

bool is_basic(std::string_view scheme) {
    return scheme == "basic" || scheme == "http-basic";
}

// whether `scheme` would look a password up for this request; "param" is told by the presence of
// a query or a body, which is cheaper than parsing them here and errs on the pool's side
bool sends_password(std::string_view scheme, const http::Request& request) {
    if (is_basic(scheme)) {
        return authorization_is(request, "Basic");
    }
    if (scheme == "digest" || scheme == "http-digest") {
        return authorization_is(request, "Digest");
    }
    if (scheme == "param") {
        return !request.query.empty() || !request.body.empty();
    }
    return false;
}

// Basic credentials checked a moment ago (FSA_PASSWORD_CACHE_TTL): their check is an HMAC and a lookup,
// cheaper than the hop to a worker. Decided from this process's memory only: the stored hash must be
// in an in-process cache (asking redis or memcached would make the I/O thread wait) and the verdict in
// the table. A verdict that expires before the check runs costs one hash on the I/O thread, once.
bool remembered_basic(const AppState& state, const http::Request& request) {
    PasswordVerdicts* verdicts = state.cache->password_verdicts();
    const std::string* header = request.headers.find("Authorization");
    if (verdicts == nullptr || header == nullptr) {
        return false;
    }
    auto authorization = split_authorization(*header);
    auto credentials = authorization ? decode_basic(authorization->value) : std::nullopt;
    if (!credentials) {
        return false;
    }
    auto hash = state.cache->cached_user_pass(credentials->login);
    return hash && !hash->empty() &&
           verdicts->holds(verdicts->digest(credentials->login, credentials->password, *hash));
}

}  // namespace

bool Pipeline::blocks(const AppState& state, const http::Request& request) {
    RouteMatch match = state.router.match(request.method, request.path);
    bool found = match.status == RouteMatch::Status::found && match.index < state.resolved.size();
    std::size_t index = match.index;
    RouteMemo::remember(state.router, request, std::move(match));  // Pipeline::run routes it once
    if (!found) {
        return false;  // 404, 405, OPTIONS: answered without a hook
    }
    const RouteSpec& route = state.routes[index];
    if (route.blocking) {
        return true;
    }
    // an OPEN route authenticates only for a handler that takes an optional current user
    bool authenticates =
        route.authz.kind == AuthzSpec::Kind::auth || (route.authz.kind == AuthzSpec::Kind::open && route.wants_user);
    if (!authenticates) {
        return false;
    }
    for (const Scheme* scheme : state.resolved[index].schemes) {
        if (sends_password(scheme->name(), request)) {
            return !(is_basic(scheme->name()) && remembered_basic(state, request));
        }
    }
    return false;
}

http::Response Pipeline::busy(App& app, AppState& state, http::Request& request) {
    Context ctx(app, request);
    http::Headers headers;
    headers.add("Retry-After", "1");
    http::Response response = render_error(state, ErrorResponse("server busy, retry later", 503, std::move(headers)));
    after_routing(state, ctx, response);  // CORS, added headers, after-request hooks: as for any other error
    return response;
}

}  // namespace simpleauth::detail
