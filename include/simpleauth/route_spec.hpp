#pragma once
// The run-time description of a route, filled in by the compile-time declaration: what check()
// validates against the configuration and the hooks, what the audit table prints, what the pipeline runs.

#include <functional>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include "simpleauth/http/response.hpp"

namespace simpleauth {

class Context;

struct ObjectPermSpec {
    std::string domain;
    std::vector<std::string> variables;  // parameter names whose values are passed to the hook
    std::string mode;                    // "" when none was given
};

struct AuthzSpec {
    enum class Kind { open, auth, close };
    Kind kind = Kind::close;            // closed unless declared otherwise
    std::vector<std::string> groups;    // all must hold
    std::vector<ObjectPermSpec> perms;  // all must hold, checked after the parameters
};

struct ParamSpec {
    enum class Source { path, request, header, cookie, special };
    std::string name;  // request name
    std::string type;  // C++ type, for the audit table and messages
    std::type_index type_index = typeid(void);
    Source source = Source::request;
    bool required = true;
    std::string default_text;  // "" when there is no default
};

struct PathSegment {
    enum class Kind { literal, string, integer, floating, path };
    Kind kind = Kind::literal;
    std::string text;  // literal text, or the placeholder's name
};

// What a route group (blueprint) gives its routes unless they say otherwise.
struct RouteDefaults {
    std::vector<std::string> authn{};
    std::optional<std::string> realm{};
    std::optional<std::size_t> group{};  // set by App::group
};

struct RouteSpec {
    std::string method;
    std::string path;  // as declared: /store/<sid>/product
    std::vector<PathSegment> segments;
    AuthzSpec authz;
    std::vector<std::string> authn;               // per-route schemes; empty: the configured default
    std::optional<std::string> realm;             // per-route realm
    std::vector<ParamSpec> params;                // handler arguments, in order (special ones included)
    bool wants_user = false;                      // takes CurrentUser (or an optional one)
    std::optional<std::size_t> group;             // the route group (blueprint) it belongs to
    bool blocking = false;                        // sa::blocking: served on the server's worker pool
    std::function<http::Response(Context&)> run;  // parameters, object permissions, handler
};

}  // namespace simpleauth
