#pragma once
// The route that Pipeline::blocks matched, handed to Pipeline::run on the same thread so that a request
// is routed once, not twice (a match is 150-500 ns, a tenth of an open request's framework cost).
//
// A match depends only on the router, the method and the raw path, so the memo is keyed on exactly
// those: whatever request asks next, it gets the match it would have computed. A request the engine
// hands to the worker pool runs on another thread, misses the memo and is matched there.

#include <optional>
#include <string>

#include "core/router.hpp"
#include "simpleauth/http/request.hpp"

namespace simpleauth::detail {

class RouteMemo {
public:
    // remembers `match` of `request` on `router` for this thread (replacing what it held)
    static void remember(const Router& router, const http::Request& request, RouteMatch match);
    // the remembered match when it is for this router, method and path; the memo is emptied either way
    static std::optional<RouteMatch> take(const Router& router, const http::Request& request);
};

}  // namespace simpleauth::detail
