#pragma once
// Route matching on the raw path: split on '/', then percent-decode each segment, so that an encoded
// slash stays inside its segment and never selects another route. Dot segments never match.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simpleauth/params/value.hpp"
#include "simpleauth/route_spec.hpp"

namespace simpleauth::detail {

struct RouteMatch {
    enum class Status { found, not_found, method_not_allowed, bad_path };
    Status status = Status::not_found;
    std::size_t index = 0;                                 // route index when found
    std::vector<std::pair<std::string, RawValue>> values;  // path placeholders
    std::string allow;                                     // for 405 (and OPTIONS): "GET, HEAD, OPTIONS"
};

class Router {
public:
    void add(const RouteSpec& spec, std::size_t index);
    RouteMatch match(std::string_view method, std::string_view raw_path) const;
    // the methods of the first route pattern matching this path ("" when none), for OPTIONS
private:
    struct Entry {
        std::string method;
        std::vector<PathSegment> segments;
        std::size_t index;
        int literal_count;
    };
    std::vector<Entry> entries_;
};

}  // namespace simpleauth::detail
