#pragma once
// Everything the pipeline knows about the request being served: the request, its route, its
// parameters (decoded once), and the user once authenticated. Handlers rarely need it; extractors do.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/errors.hpp"
#include "simpleauth/http/request.hpp"
#include "simpleauth/params/value.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth {

class App;
namespace detail {
class Pipeline;
}

class Context {
public:
    Context(App& app, http::Request& request) : app_(app), request_(request) {}

    App& app() const noexcept { return app_; }
    const http::Request& request() const noexcept { return request_; }
    const RouteSpec& route() const noexcept { return *route_; }

    // the value of a path placeholder, nullptr when the path has none of that name
    const RawValue* path_value(std::string_view name) const noexcept;
    // the values of a request parameter (query string, then form or JSON body), in request order
    std::vector<const RawValue*> request_values(std::string_view name);
    // every request parameter name, in request order (repeated names repeated)
    const std::vector<std::pair<std::string, RawValue>>& request_parameters();

    // The authenticated user, authenticating now if not done yet. required: throw the 401 on failure;
    // otherwise return nullopt (optional CurrentUser on OPEN routes).
    std::optional<std::string_view> user(bool required = true);
    // the scheme that authenticated the user ("" if none)
    std::string_view auth_scheme() const noexcept { return auth_scheme_; }
    // the scopes of the JWT that authenticated the user (oauth), empty otherwise
    const std::vector<std::string>& scopes() const noexcept { return scopes_; }
    bool has_scope(std::string_view scope) const noexcept;
    // the value of a cookie, nullptr when absent
    const std::string* cookie(std::string_view name);
    // every cookie (name, value), in the order sent
    const std::vector<std::pair<std::string, std::string>>& cookies();

private:
    friend class detail::Pipeline;

    void parse_request_parameters();

    App& app_;
    http::Request& request_;
    std::chrono::steady_clock::time_point start_{};  // read in dev mode only (FSA-Delay), set then
    const RouteSpec* route_ = nullptr;
    std::size_t route_index_ = 0;
    std::vector<std::pair<std::string, RawValue>> path_values_;
    std::vector<std::pair<std::string, RawValue>> request_values_;
    bool request_values_parsed_ = false;
    std::vector<std::string> body_errors_;  // malformed bodies, reported with the parameter errors

    bool auth_attempted_ = false;
    std::optional<std::string> user_;
    std::string auth_scheme_;
    std::optional<ErrorResponse> auth_error_;  // the last scheme's failure
    std::string claimed_login_;                // the login a password check was asked about, for the audit log
    std::vector<std::string> scopes_;
    std::optional<std::int64_t> token_expiry_;  // of the token that authenticated the user
    bool token_from_cookie_ = false;
    bool token_from_param_ = false;                    // responses get Cache-Control: no-store
    std::optional<std::int64_t> token_session_start_;  // JWT auth_time, else iat: FSA_TOKEN_MAX_LIFETIME
    bool digest_stale_ = false;
    std::vector<std::pair<std::string, std::string>> cookies_;
    bool cookies_parsed_ = false;
    std::string bearer_error_;  // RFC 6750 error code for the Bearer challenge ("invalid_token")
};

}  // namespace simpleauth
