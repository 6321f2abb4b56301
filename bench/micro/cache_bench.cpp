// The in-process cache (FSA_CACHE = "ttl", sharded) on the hot path of every authenticated request:
// a hit, as a token route sees it once warm, from one thread and from two at once.

#include <benchmark/benchmark.h>

#include "cache/cache_store.hpp"

namespace sd = simpleauth::detail;

namespace {

sd::CacheStore& store() {
    static auto instance = [] {
        auto s = sd::make_cache_store(sd::CacheConfig{});
        for (int i = 0; i < 1000; ++i) {
            s->set("t.5:bench" + std::to_string(i), "bench:1999999999");
        }
        return s;
    }();
    return *instance;
}

void cache_hit(benchmark::State& state) {
    auto& s = store();
    std::string key = "t.5:bench" + std::to_string(state.thread_index() * 7);
    for (auto _ : state) {
        benchmark::DoNotOptimize(s.get(key));
    }
}
BENCHMARK(cache_hit)->Threads(1)->Threads(2);

void cache_miss(benchmark::State& state) {
    auto& s = store();
    for (auto _ : state) {
        benchmark::DoNotOptimize(s.get("t.5:nobody"));
    }
}
BENCHMARK(cache_miss);

}  // namespace
