#include "core/route_memo.hpp"

namespace simpleauth::detail {

namespace {

struct Memo {
    const Router* router = nullptr;  // nullptr: empty
    std::string method;              // kept between requests: assigning reuses their capacity
    std::string path;
    RouteMatch match;
};

thread_local Memo memo;

}  // namespace

void RouteMemo::remember(const Router& router, const http::Request& request, RouteMatch match) {
    memo.router = &router;
    memo.method = request.method;
    memo.path = request.path;
    memo.match = std::move(match);
}

std::optional<RouteMatch> RouteMemo::take(const Router& router, const http::Request& request) {
    bool same = memo.router == &router && memo.method == request.method && memo.path == request.path;
    memo.router = nullptr;
    if (!same) {
        return std::nullopt;
    }
    return std::move(memo.match);
}

}  // namespace simpleauth::detail
