#pragma once
// CORS (FSA_CORS, FSA_CORS_OPTS): a pure module, no state, no I/O. The pipeline answers a preflight with
// cors_preflight() before authentication and decorates every other response with cors_decorate().
//
// Differences from Flask-CORS, all on the safe side:
// - a regex origin must match the whole Origin value (Flask-CORS uses re.match, so "https://a\.example"
//   also accepts "https://a.example.evil.test");
// - supports_credentials with origins "*" is refused unless reflect_origin is set, and even then the
//   origin "null" (sandboxed frames, file: pages) is never reflected;
// - a preflight asking for any header that is not allowed gets no Access-Control-Allow-* header at all.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simpleauth/http/request.hpp"
#include "simpleauth/http/response.hpp"

namespace simpleauth::detail {

struct CorsPolicy {
    std::vector<std::string> origins{"*"};        // exact origins ("https://a.example"), "*" for any; "re:" regexes
    std::vector<std::string> methods;             // empty: the route's methods (the Allow list)
    std::vector<std::string> allow_headers{"*"};  // request headers a preflight may ask for ("*": any)
    std::vector<std::string> expose_headers;
    bool supports_credentials = false;
    std::optional<long> max_age;  // seconds
    bool vary_header = true;
    // with supports_credentials and origins "*": answer with the request's origin instead of "*"
    // (what Flask-CORS does silently; here it must be asked for)
    bool reflect_origin = false;
};

// FSA_CORS_OPTS (a TOML table whose values are text: lists as "a, b" or JSON-like "[\"a\", \"b\"]",
// bools "true"/"false"), with Flask-CORS's option names: origins, methods, allow_headers,
// expose_headers, supports_credentials, max_age, vary_header, plus reflect_origin.
// Throws std::invalid_argument naming a bad option.
CorsPolicy parse_cors_options(const std::map<std::string, std::string, std::less<>>& options);

// Throws std::invalid_argument on a policy that cannot work as written (bad regex, an origin with a
// path, credentials with "*" and no reflect_origin); parse_cors_options() calls it, code building a
// policy by hand should too.
void validate_cors_policy(const CorsPolicy& policy);

// OPTIONS with Origin and Access-Control-Request-Method
bool is_preflight(const http::Request& request);

// The preflight answer (204, no authentication): allowed when the origin matches, the requested method
// is in policy.methods (or in `allow`, "GET, HEAD, OPTIONS", when that is empty) and every requested
// header is allowed; otherwise the same 204 without any Access-Control-Allow-* header (the browser then
// blocks), so a refusal looks like any other preflight answer.
http::Response cors_preflight(const CorsPolicy& policy, const http::Request& request, std::string_view allow);

// On an actual response, when the request's Origin matches: Access-Control-Allow-Origin (the origin,
// or "*" for a wildcard policy without credentials), -Allow-Credentials and -Expose-Headers.
// Vary: Origin (when vary_header) is added to every response, matching or not, so that a shared cache
// never hands the answer to one origin (or to a request without Origin) to another.
void cors_decorate(const CorsPolicy& policy, const http::Request& request, http::Response& response);

// Whether the origin is named by the policy: an exact or "re:" entry, never "*" (the CSRF check of
// cookie tokens trusts only origins listed by name, src/auth/token_csrf.cpp)
bool cors_origin_listed(const CorsPolicy& policy, std::string_view origin);

}  // namespace simpleauth::detail
