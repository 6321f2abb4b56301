// The whole pipeline in process (App::handle, no socket): the open route and the token routes of the
// throughput benchmark, once the caches are warm. What the server adds on top is the engine's work; the
// ratio of the two figures is the ratio the throughput targets are about, without the engine.

#include <benchmark/benchmark.h>

#include <simpleauth/test_client.hpp>

#include "../bench_app.hpp"

namespace sa = simpleauth;

namespace {

sa::http::Response run(benchmark::State& state,
                       const std::string& token_type,
                       const std::string& target,
                       bool with_token) {
    sa::App app{"bench"};
    bench::setup(app, token_type);
    sa::TestClient client{app};
    std::vector<std::pair<std::string, std::string>> headers;
    if (with_token) {
        headers.emplace_back("Authorization", "Bearer " + app.create_token("bench"));
    }
    sa::http::Response last = client.get(target, headers);  // warms the caches
    for (auto _ : state) {
        last = client.get(target, headers);
        benchmark::DoNotOptimize(last);
    }
    if (last.status != 200 || last.body != "hello") {
        state.SkipWithError("the route did not answer 200 hello");
    }
    return last;
}

void pipeline_open(benchmark::State& state) {
    run(state, "jwt", "/open", false);
}
BENCHMARK(pipeline_open);

void pipeline_jwt(benchmark::State& state) {
    run(state, "jwt", "/jwt/17?b=42&c=3.5", true);
}
BENCHMARK(pipeline_jwt);

void pipeline_fsa(benchmark::State& state) {
    run(state, "fsa", "/fsa/17?b=42&c=3.5", true);
}
BENCHMARK(pipeline_fsa);

}  // namespace
