// In-process stores: the cachetools policies behind FSA_CACHE=ttl|lru|tlru|lfu|fifo|rr|dict|none.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache_store.hpp"

namespace simpleauth::detail {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<CacheStore> store(const std::string& kind, std::size_t size = 262144, double ttl = 600) {
    CacheConfig config;
    config.kind = kind;
    config.size = size;
    config.ttl = ttl;
    return make_cache_store(config);
}

std::size_t present(CacheStore& cache, int count, const std::string& stem = "k") {
    std::size_t found = 0;
    for (int i = 0; i < count; ++i) {
        found += cache.get(stem + std::to_string(i)).has_value() ? 1 : 0;
    }
    return found;
}

class EveryKind : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Cache,
                         EveryKind,
                         ::testing::Values("ttl", "lru", "tlru", "lfu", "fifo", "rr", "dict"),
                         [](const auto& info) { return info.param; });

TEST_P(EveryKind, HitMissOverwriteAndStats) {
    auto cache = store(GetParam());
    EXPECT_EQ(cache->kind(), GetParam());
    EXPECT_FALSE(cache->get("u.('calvin',)"));
    cache->set("u.('calvin',)", "hash1");
    EXPECT_EQ(cache->get("u.('calvin',)"), "hash1");
    cache->set("u.('calvin',)", "hash2");
    EXPECT_EQ(cache->get("u.('calvin',)"), "hash2");
    auto stats = cache->stats();
    EXPECT_EQ(stats.hits, 2u);
    EXPECT_EQ(stats.misses, 1u);
    EXPECT_EQ(stats.errors, 0u);
}

TEST_P(EveryKind, BinaryKeysAndValues) {
    auto cache = store(GetParam());
    std::string key("a\0b", 3), other("a\0c", 3), value("\0\xff\n x\0", 6);
    cache->set(key, value);
    cache->set("", "");
    EXPECT_EQ(cache->get(key), value);
    EXPECT_FALSE(cache->get(other));
    EXPECT_FALSE(cache->get("a"));
    EXPECT_EQ(cache->get(""), "");
}

TEST_P(EveryKind, RemoveAndClear) {
    auto cache = store(GetParam());
    for (int i = 0; i < 100; ++i) {
        cache->set("k" + std::to_string(i), "v");
    }
    EXPECT_TRUE(cache->remove("k7"));
    EXPECT_FALSE(cache->remove("k7"));
    EXPECT_FALSE(cache->get("k7"));
    EXPECT_EQ(present(*cache, 100), 99u);
    cache->clear();
    EXPECT_EQ(present(*cache, 100), 0u);
    cache->set("k1", "again");
    EXPECT_EQ(cache->get("k1"), "again");
}

TEST_P(EveryKind, SizeBound) {
    // 100 entries: one shard, an exact bound; 4096: 16 shards whose shares add up to the bound.
    for (std::size_t size : {std::size_t{100}, std::size_t{4096}}) {
        auto cache = store(GetParam(), size);
        int written = static_cast<int>(size) * 5;
        for (int i = 0; i < written; ++i) {
            cache->set("k" + std::to_string(i), std::string(10, 'v'));
        }
        std::size_t found = present(*cache, written);
        if (GetParam() == "dict") {
            EXPECT_EQ(found, static_cast<std::size_t>(written));  // unbounded
        } else {
            EXPECT_LE(found, size);
            EXPECT_GE(found, size / 2) << "the bound is spread over the shards";
        }
    }
}

// 8 threads writing and reading their own keys and shared ones: nothing lost (the sizes are far above the
// number of keys), nothing torn, no crash (run under ASan/TSan-like conditions by the sanitizer build).
TEST_P(EveryKind, ConcurrentGetSet) {
    auto cache = store(GetParam(), 100000);
    constexpr int threads = 8, keys = 500;
    std::atomic<int> bad{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            std::string mine = "t" + std::to_string(t) + ".";
            for (int round = 0; round < 3; ++round) {
                for (int i = 0; i < keys; ++i) {
                    std::string key = mine + std::to_string(i);
                    cache->set(key, key + "=" + std::string(static_cast<std::size_t>(i % 50), 'x'));
                    // A shared key, written by all with a value that must be entirely one writer's.
                    std::string shared = "shared" + std::to_string(i % 16);
                    cache->set(shared, std::string(64, static_cast<char>('a' + t)));
                    auto seen = cache->get(shared);
                    if (!seen || seen->size() != 64 || seen->find_first_not_of((*seen)[0]) != std::string::npos) {
                        ++bad;
                    }
                    auto back = cache->get(key);
                    if (back != key + "=" + std::string(static_cast<std::size_t>(i % 50), 'x')) {
                        ++bad;
                    }
                }
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    EXPECT_EQ(bad.load(), 0);
    for (int t = 0; t < threads; ++t) {
        EXPECT_EQ(present(*cache, keys, "t" + std::to_string(t) + "."), static_cast<std::size_t>(keys));
    }
}

TEST(MemoryStore, LruEvictsTheLeastRecentlyUsed) {
    for (const char* kind : {"lru", "ttl", "tlru"}) {  // without expiry, ttl and tlru evict like lru
        auto cache = store(kind, 3);
        cache->set("a", "1");
        cache->set("b", "2");
        cache->set("c", "3");
        EXPECT_TRUE(cache->get("a"));
        cache->set("d", "4");
        EXPECT_FALSE(cache->get("b")) << kind;
        EXPECT_TRUE(cache->get("a") && cache->get("c") && cache->get("d")) << kind;
        cache->set("a", "1bis");  // a write is a use too: c is now the oldest
        cache->set("e", "5");
        EXPECT_FALSE(cache->get("c")) << kind;
        EXPECT_EQ(cache->get("a"), "1bis") << kind;
    }
}

TEST(MemoryStore, FifoEvictsTheFirstWrittenWhateverTheReads) {
    auto cache = store("fifo", 3);
    cache->set("a", "1");
    cache->set("b", "2");
    cache->set("c", "3");
    EXPECT_TRUE(cache->get("a"));
    cache->set("d", "4");
    EXPECT_FALSE(cache->get("a"));
    EXPECT_TRUE(cache->get("b") && cache->get("c") && cache->get("d"));
}

TEST(MemoryStore, LfuEvictsTheLeastFrequentlyUsedOldestFirst) {
    auto cache = store("lfu", 3);
    cache->set("a", "1");
    cache->set("b", "2");
    cache->set("c", "3");
    cache->get("a");
    cache->get("a");
    cache->get("c");
    cache->set("d", "4");  // b: 1 use, the least
    EXPECT_FALSE(cache->get("b"));
    cache->set("e", "5");  // d: 1 use, the least
    EXPECT_FALSE(cache->get("d"));
    EXPECT_TRUE(cache->get("a") && cache->get("c") && cache->get("e"));
}

TEST(MemoryStore, RandomReplacementKeepsTheNewEntry) {
    for (int trial = 0; trial < 20; ++trial) {
        auto cache = store("rr", 3);
        for (const char* key : {"a", "b", "c", "d"}) {
            cache->set(key, "v");
        }
        EXPECT_TRUE(cache->get("d"));
        int old = 0;
        for (const char* key : {"a", "b", "c"}) {
            old += cache->get(key) ? 1 : 0;
        }
        EXPECT_EQ(old, 2);
    }
}

TEST(MemoryStore, TtlAndTlruExpire) {
    for (const char* kind : {"ttl", "tlru"}) {
        auto cache = store(kind, 100, 0.2);
        cache->set("k", "v");
        EXPECT_EQ(cache->get("k"), "v");
        std::this_thread::sleep_for(300ms);
        EXPECT_FALSE(cache->get("k")) << kind;
        EXPECT_FALSE(cache->remove("k")) << kind;
    }
    auto lru = store("lru", 100, 0.2);  // the ttl does not apply to lru
    lru->set("k", "v");
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(lru->get("k"));
}

TEST(MemoryStore, TtlOptionOverridesAndWritesRestartTheClock) {
    CacheConfig config;
    config.kind = "ttl";
    config.options["ttl"] = "0.4";
    auto cache = make_cache_store(config);
    cache->set("k", "v");
    std::this_thread::sleep_for(250ms);
    EXPECT_TRUE(cache->get("k"));  // a read does not extend the life (cachetools TTLCache)
    cache->set("k", "w");
    std::this_thread::sleep_for(250ms);
    EXPECT_EQ(cache->get("k"), "w");
    std::this_thread::sleep_for(250ms);
    EXPECT_FALSE(cache->get("k"));
}

TEST(MemoryStore, ExpiredEntriesAreEvictedBeforeLiveOnes) {
    auto cache = store("ttl", 3, 0.6);
    cache->set("a", "1");
    std::this_thread::sleep_for(400ms);
    cache->set("b", "2");
    cache->set("c", "3");
    std::this_thread::sleep_for(300ms);  // a has expired, b and c have not
    cache->set("d", "4");
    EXPECT_TRUE(cache->get("b") && cache->get("c") && cache->get("d"));
}

TEST(MemoryStore, DictIsUnboundedAndNoneStoresNothing) {
    auto dict = store("dict", 3, 0.01);
    for (int i = 0; i < 1000; ++i) {
        dict->set("k" + std::to_string(i), "v");
    }
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(present(*dict, 1000), 1000u);

    auto none = store("none");
    EXPECT_EQ(none->kind(), "none");
    none->set("k", "v");
    EXPECT_FALSE(none->get("k"));
    EXPECT_FALSE(none->remove("k"));
    none->clear();
    EXPECT_EQ(none->stats().misses, 1u);
}

// The throttle's counters: 8 threads adding to one counter lose no increment; adding 0 reads it.
TEST_P(EveryKind, IncrementIsAtomic) {
    auto cache = store(GetParam());
    EXPECT_EQ(cache->increment("n", 0, 60s), 0u);
    std::vector<std::thread> pool;
    for (int t = 0; t < 8; ++t) {
        pool.emplace_back([&] {
            for (int i = 0; i < 500; ++i) {
                cache->increment("n", 1, 60s);
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    EXPECT_EQ(cache->increment("n", 0, 60s), 4000u);
    EXPECT_EQ(cache->increment("n", 2, 60s), 4002u);
    EXPECT_EQ(cache->increment("other", 1, 60s), 1u);
}

// Reading a counter (adding 0) that does not exist writes nothing: a successful login's throttle check
// on every request must not fill the table with zeros
TEST(MemoryStore, ReadingAnAbsentCounterCreatesNothing) {
    auto cache = store("lru", 2);
    EXPECT_EQ(cache->increment("a", 1, 60s), 1u);
    EXPECT_EQ(cache->increment("b", 1, 60s), 1u);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(cache->increment("zero" + std::to_string(i), 0, 60s), 0u);
    }
    EXPECT_EQ(cache->increment("a", 0, 60s), 1u);  // not evicted by the reads
    EXPECT_EQ(cache->increment("b", 0, 60s), 1u);
    EXPECT_FALSE(cache->get("zero0").has_value());
}

TEST(MemoryStore, CountersExpireWithTheTtlAndNoneCannotCount) {
    auto cache = store("ttl", 100, 0.05);
    EXPECT_EQ(cache->increment("n", 3, 1s), 3u);
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(cache->increment("n", 1, 1s), 1u);
    EXPECT_FALSE(store("none")->increment("n", 1, 1s)) << "nullopt, never a count of 0";
}

}  // namespace
}  // namespace simpleauth::detail
