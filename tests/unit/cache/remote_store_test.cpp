// redis and memcached stores against REAL servers started by the fixture (scripts/install-deps installs them).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache_store.hpp"
#include "cache/server_process.hpp"

namespace simpleauth::detail {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using Steady = std::chrono::steady_clock;

class RemoteStore : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        server_ = std::make_unique<test::ServerProcess>(GetParam());
        // Failing rather than skipping: a skipped test would hide a missing install step in CI.
        ASSERT_FALSE(server_->program().empty())
            << (GetParam() == "redis" ? "redis-server" : "memcached") << " is not installed: run scripts/install-deps";
        ASSERT_TRUE(server_->start()) << server_->error();
    }

    void TearDown() override { server_.reset(); }  // kills the server

    std::unique_ptr<CacheStore> store(const std::string& prefix = "acme.", double ttl = 600) {
        CacheConfig config;
        config.kind = GetParam();
        config.prefix = prefix;
        config.ttl = ttl;
        if (GetParam() == "redis") {
            config.options = {{"host", "127.0.0.1"}, {"port", std::to_string(server_->port())}};
        } else {
            config.options = {{"server", "127.0.0.1:" + std::to_string(server_->port())}};
        }
        config.log = [this](std::string_view line) {
            std::lock_guard lock(log_mutex_);  // stores log from any thread
            log_.emplace_back(line);
        };
        return make_cache_store(config);
    }

    std::unique_ptr<test::ServerProcess> server_;
    std::mutex log_mutex_;
    std::vector<std::string> log_;
};

INSTANTIATE_TEST_SUITE_P(Cache, RemoteStore, ::testing::Values("redis", "memcached"), [](const auto& info) {
    return info.param;
});

TEST_P(RemoteStore, SetGetOverwriteRemoveAndStats) {
    auto cache = store();
    EXPECT_EQ(cache->kind(), GetParam());
    EXPECT_FALSE(cache->get("u.('calvin',)"));
    cache->set("u.('calvin',)", "hash1");
    EXPECT_EQ(cache->get("u.('calvin',)"), "hash1");
    cache->set("u.('calvin',)", "hash2");
    EXPECT_EQ(cache->get("u.('calvin',)"), "hash2");
    EXPECT_TRUE(cache->remove("u.('calvin',)"));
    EXPECT_FALSE(cache->remove("u.('calvin',)"));
    EXPECT_FALSE(cache->get("u.('calvin',)"));
    auto stats = cache->stats();
    EXPECT_EQ(stats.hits, 2u);
    EXPECT_EQ(stats.misses, 2u);
    EXPECT_EQ(stats.errors, 0u);
    EXPECT_TRUE(log_.empty());
}

TEST_P(RemoteStore, LongAndBinaryKeysAndValues) {
    auto cache = store();
    std::string binary_key = "t.\0\n \x01\xff token"s, near_key = "t.\0\n \x01\xff tokem"s;
    std::string long_key(1000, 'k'), long_key2 = long_key + "2";
    std::string value(100000, '\0');
    for (std::size_t i = 0; i < value.size(); ++i) {
        value[i] = static_cast<char>(i * 7);
    }
    cache->set(binary_key, value);
    cache->set(long_key, "long");
    cache->set(long_key2, "long2");
    cache->set("empty", "");
    EXPECT_EQ(cache->get(binary_key), value);
    EXPECT_FALSE(cache->get(near_key));
    EXPECT_EQ(cache->get(long_key), "long");
    EXPECT_EQ(cache->get(long_key2), "long2");
    EXPECT_EQ(cache->get("empty"), "");
    EXPECT_TRUE(cache->remove(long_key));
    EXPECT_EQ(cache->get(long_key2), "long2");
}

TEST_P(RemoteStore, ExpiresAfterTheTtlRoundedUpToSeconds) {
    auto cache = store("acme.", 0.2);  // 1 s on the server
    cache->set("k", "v");
    EXPECT_EQ(cache->get("k"), "v");
    auto start = Steady::now();
    while (cache->get("k") && Steady::now() - start < 4s) {
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_FALSE(cache->get("k"));
    EXPECT_GE(Steady::now() - start, 500ms);
}

TEST_P(RemoteStore, ClearOnlyTouchesItsPrefix) {
    auto mine = store("a*.");  // a glob character: redis SCAN MATCH must treat it literally
    auto theirs = store("ab.");
    auto other = store("b.");
    for (int i = 0; i < 50; ++i) {
        mine->set("k" + std::to_string(i), "mine");
        theirs->set("k" + std::to_string(i), "theirs");
        other->set("k" + std::to_string(i), "other");
    }
    EXPECT_EQ(mine->get("k1"), "mine");
    mine->clear();
    for (int i = 0; i < 50; ++i) {
        EXPECT_FALSE(mine->get("k" + std::to_string(i)));
        EXPECT_EQ(theirs->get("k" + std::to_string(i)), "theirs");
        EXPECT_EQ(other->get("k" + std::to_string(i)), "other");
    }
    mine->set("k1", "after");
    EXPECT_EQ(mine->get("k1"), "after");
}

// Two stores on one server stand for two server processes sharing the cache.
TEST_P(RemoteStore, TwoInstancesShareSetsRemovesAndClears) {
    auto first = store();
    auto second = store();
    first->set("t.('tok', 'realm')", "calvin");
    EXPECT_EQ(second->get("t.('tok', 'realm')"), "calvin");
    EXPECT_TRUE(second->remove("t.('tok', 'realm')"));
    EXPECT_FALSE(first->get("t.('tok', 'realm')"));
    second->set("u.x", "1");
    first->clear();
    EXPECT_FALSE(second->get("u.x"));
}

TEST_P(RemoteStore, ConcurrentThreads) {
    auto cache = store();
    std::atomic<int> bad{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < 8; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                std::string key = "t" + std::to_string(t) + "." + std::to_string(i);
                cache->set(key, key + "!");
                if (cache->get(key) != key + "!") {
                    ++bad;
                }
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(cache->stats().errors, 0u);
    for (const auto& line : log_) {
        ADD_FAILURE() << line;
    }
}

// REQ-LOG-06 / REL-07: an outage is a miss within the timeout, never a hang nor an exception, and the store
// comes back by itself when the server does.
TEST_P(RemoteStore, OutageIsAFastMissAndRecovers) {
    auto cache = store();
    cache->set("k", "v");
    ASSERT_EQ(cache->get("k"), "v");
    int port = server_->port();
    server_->stop();
    for (int i = 0; i < 20; ++i) {
        auto start = Steady::now();
        EXPECT_FALSE(cache->get("k"));
        EXPECT_NO_THROW(cache->set("k", "w"));
        EXPECT_FALSE(cache->remove("k"));
        EXPECT_NO_THROW(cache->clear());
        EXPECT_LT(Steady::now() - start, 1s) << "call " << i;
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_GT(cache->stats().errors, 0u);
    ASSERT_FALSE(log_.empty());
    EXPECT_NE(log_.front().find("unreachable"), std::string::npos);
    EXPECT_EQ(log_.size(), 1u) << "one line per outage, not one per call";

    ASSERT_TRUE(server_->start(port)) << server_->error();
    auto start = Steady::now();
    bool back = false;
    while (!back && Steady::now() - start < 6s) {
        cache->set("k", "again");
        back = cache->get("k") == "again";
        if (!back) {
            std::this_thread::sleep_for(100ms);
        }
    }
    EXPECT_TRUE(back) << "the store did not reconnect after the restart";
    EXPECT_NE(log_.back().find("reachable again"), std::string::npos);
}

// A server that accepts connections but never answers (a hung process) must not hang requests either.
TEST_P(RemoteStore, SilentServerTimesOut) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr = test::server_detail::loopback(0);
    socklen_t length = sizeof addr;
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(listen(fd, 16), 0);
    ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length), 0);
    CacheConfig config;
    config.kind = GetParam();
    std::string port = std::to_string(ntohs(addr.sin_port));
    config.options = GetParam() == "redis" ? std::map<std::string, std::string>{{"port", port}}
                                           : std::map<std::string, std::string>{{"server", "127.0.0.1:" + port}};
    config.log = [](std::string_view) {};
    auto cache = make_cache_store(config);
    for (int i = 0; i < 5; ++i) {
        auto start = Steady::now();
        EXPECT_FALSE(cache->get("k"));
        cache->set("k", "v");
        EXPECT_LT(Steady::now() - start, 1s);
    }
    close(fd);
}

// The throttle's counters: two stores stand for two server processes; no increment is lost between them.
TEST_P(RemoteStore, IncrementIsAtomicAcrossInstances) {
    auto first = store();
    auto second = store();
    EXPECT_EQ(first->increment("throttle.u.1.calvin", 0, 60s), 0u);
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t) {
        pool.emplace_back([&, t] {
            CacheStore& mine = t % 2 == 0 ? *first : *second;
            for (int i = 0; i < 50; ++i) {
                mine.increment("throttle.u.1.calvin", 1, 60s);
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    EXPECT_EQ(second->increment("throttle.u.1.calvin", 0, 60s), 200u);
    EXPECT_EQ(first->increment("throttle.u.1.calvin", 5, 60s), 205u);
    EXPECT_EQ(store("other.")->increment("throttle.u.1.calvin", 0, 60s), 0u) << "prefixes keep counters apart";
    for (const auto& line : log_) {
        ADD_FAILURE() << line;
    }
}

// A counter lives `lifetime` from its creation: reading it (adding 0) over and over does not keep it alive,
// so a throttled client polling with the right password is let in when the window ends.
TEST_P(RemoteStore, CounterExpiresFromItsCreation) {
    auto cache = store();
    EXPECT_EQ(cache->increment("c", 1, 1s), 1u);
    auto start = Steady::now();
    std::uint64_t last = 1;
    while (last > 0 && Steady::now() - start < 5s) {
        std::this_thread::sleep_for(200ms);
        last = cache->increment("c", 0, 1s).value_or(99);
        if (last > 0 && Steady::now() - start < 600ms) {
            cache->increment("c", 1, 1s);  // failures inside the window
        }
    }
    EXPECT_EQ(last, 0u) << "the counter never expired";
}

TEST_P(RemoteStore, IncrementOnAnOutageIsNotAZero) {
    auto cache = store();
    server_->stop();
    EXPECT_FALSE(cache->increment("c", 0, 60s));
    EXPECT_FALSE(cache->increment("c", 1, 60s));
}

}  // namespace
}  // namespace simpleauth::detail
