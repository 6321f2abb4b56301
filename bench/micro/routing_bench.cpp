// Route matching in a table of 50 routes (literal, integer and string placeholders): the first, a
// middle and the last route, and a path that matches nothing (404).

#include <benchmark/benchmark.h>

#include "core/router.hpp"

namespace simpleauth::detail {
std::vector<PathSegment> parse_path(std::string_view path);
}

namespace sa = simpleauth;

namespace {

const sa::detail::Router& router() {
    static sa::detail::Router table = [] {
        sa::detail::Router r;
        for (std::size_t i = 0; i < 50; ++i) {
            sa::RouteSpec spec;
            spec.method = i % 5 == 4 ? "POST" : "GET";
            auto n = std::to_string(i);
            switch (i % 3) {
                case 0:
                    spec.path = "/resource" + n;
                    break;
                case 1:
                    spec.path = "/resource" + n + "/<id>/item";
                    break;
                default:
                    spec.path = "/resource" + n + "/<name>/<id>";
                    break;
            }
            spec.segments = sa::detail::parse_path(spec.path);
            for (auto& segment : spec.segments) {
                if (segment.text == "id") {
                    segment.kind = sa::PathSegment::Kind::integer;
                }
            }
            r.add(spec, i);
        }
        return r;
    }();
    return table;
}

void route(benchmark::State& state, std::string_view path) {
    const auto& r = router();
    for (auto _ : state) {
        benchmark::DoNotOptimize(r.match("GET", path));
    }
}
BENCHMARK_CAPTURE(route, first_literal, "/resource0");
BENCHMARK_CAPTURE(route, middle_placeholders, "/resource25/42/item");
BENCHMARK_CAPTURE(route, last_placeholders, "/resource47/pear/42");
BENCHMARK_CAPTURE(route, not_found, "/nothing/here");

}  // namespace
