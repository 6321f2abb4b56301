// CSRF defence of cookie tokens (SECURITY.md REQ-SESS-03). A browser sends the token cookie with any
// request to the server, whoever's page made it; SameSite=Lax stops cross-site POSTs in current
// browsers, and this check stops the rest (older browsers, same-site sibling hosts, method overrides).
// The rule, for unsafe methods only (anything but GET, HEAD, OPTIONS):
// - with one Origin header: the request is the server's own when the origin's host[:port] equals the
//   Host header (scheme aside: behind a TLS-terminating proxy the server sees http), or when the
//   origin is listed by name in FSA_CORS_OPTS origins ("*" trusts nobody here); "null" and anything
//   else is cross-site; two Origin headers are cross-site;
// - without Origin: cross-site when Sec-Fetch-Site says neither "same-origin" nor "none"; otherwise
//   (non-browser clients, old browsers that send no Origin) the request is allowed.

#include "auth/tokens.hpp"
#include "core/cors.hpp"
#include "simpleauth/http/request.hpp"

namespace simpleauth::detail {

namespace {

bool safe_method(std::string_view method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool own_origin(std::string_view origin, const http::Request& request) {
    std::size_t sep = origin.find("://");
    const std::string* host = request.headers.find("Host");
    return sep != std::string_view::npos && host != nullptr && !host->empty() &&
           http::iequals(origin.substr(sep + 3), *host);
}

}  // namespace

bool cross_site_request(const http::Request& request, const CorsPolicy* cors) {
    if (safe_method(request.method)) {
        return false;
    }
    std::size_t origins = request.headers.count("Origin");
    if (origins > 1) {
        return true;
    }
    if (origins == 1) {
        const std::string& origin = *request.headers.find("Origin");
        return !own_origin(origin, request) && (cors == nullptr || !cors_origin_listed(*cors, origin));
    }
    const std::string* site = request.headers.find("Sec-Fetch-Site");
    return site != nullptr && !http::iequals(*site, "same-origin") && !http::iequals(*site, "none");
}

}  // namespace simpleauth::detail
