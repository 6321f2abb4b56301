// Not a check: prints get/set latencies per kind. Run with --gtest_also_run_disabled_tests.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cache/cache_store.hpp"
#include "cache/server_process.hpp"

namespace simpleauth::detail {
namespace {

void measure(CacheStore& cache, const std::string& label, int rounds) {
    std::vector<std::string> keys;
    for (int i = 0; i < rounds; ++i) {
        keys.push_back("u.('user" + std::to_string(i) + "',)");
    }
    std::string value(60, 'h');  // about a bcrypt hash
    auto start = std::chrono::steady_clock::now();
    for (const auto& key : keys) {
        cache.set(key, value);
    }
    auto middle = std::chrono::steady_clock::now();
    int hits = 0;
    for (const auto& key : keys) {
        hits += cache.get(key) ? 1 : 0;
    }
    auto end = std::chrono::steady_clock::now();
    auto per = [rounds](auto d) { return std::chrono::duration<double, std::micro>(d).count() / rounds; };
    std::printf("%-10s set %8.3f us  get %8.3f us  (%d/%d hits)\n",
                label.c_str(),
                per(middle - start),
                per(end - middle),
                hits,
                rounds);
}

TEST(CacheLatency, DISABLED_PerKind) {
    for (const char* kind : {"ttl", "lru", "tlru", "lfu", "fifo", "rr", "dict", "none"}) {
        CacheConfig config;
        config.kind = kind;
        measure(*make_cache_store(config), kind, 100000);
    }
    for (const char* kind : {"redis", "memcached"}) {
        test::ServerProcess server(kind);
        ASSERT_TRUE(server.start()) << server.error();
        CacheConfig config;
        config.kind = kind;
        config.prefix = "bench.";
        config.options =
            std::string(kind) == "redis"
                ? std::map<std::string, std::string>{{"port", std::to_string(server.port())}}
                : std::map<std::string, std::string>{{"server", "127.0.0.1:" + std::to_string(server.port())}};
        measure(*make_cache_store(config), kind, 5000);
    }
}

}  // namespace
}  // namespace simpleauth::detail
