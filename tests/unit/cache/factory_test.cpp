// make_cache_store refuses bad configurations at startup, naming the culprit.
#include <gtest/gtest.h>

#include <stdexcept>

#include "cache/cache_store.hpp"
#include "cache/remote_stores.hpp"

namespace simpleauth::detail {
namespace {

std::string refusal(const CacheConfig& config) {
    try {
        make_cache_store(config);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(accepted)";
}

CacheConfig config(std::string kind, std::map<std::string, std::string> options = {}) {
    CacheConfig c;
    c.kind = std::move(kind);
    c.options = std::move(options);
    return c;
}

TEST(CacheFactory, DefaultIsTtl) {
    auto cache = make_cache_store(CacheConfig{});
    EXPECT_EQ(cache->kind(), "ttl");
    EXPECT_EQ(make_cache_store(config("pymemcache"))->kind(), "memcached");  // upstream alias; lazy connection
}

TEST(CacheFactory, RefusesBadKindsAndOptions) {
    EXPECT_EQ(refusal(config("mongo")), "unexpected FSA_CACHE: mongo");
    EXPECT_NE(refusal(config("lru", {{"colour", "red"}})).find("colour"), std::string::npos);
    EXPECT_NE(refusal(config("redis", {{"server", "x:1"}})).find("server"), std::string::npos);
    EXPECT_NE(refusal(config("memcached", {{"host", "x"}})).find("host"), std::string::npos);
    EXPECT_NE(refusal(config("redis", {{"port", "http"}})).find("port"), std::string::npos);
    EXPECT_NE(refusal(config("redis", {{"timeout_ms", "0"}})).find("timeout_ms"), std::string::npos);
    EXPECT_NE(refusal(config("memcached", {{"server", "h:99999"}})).find("port"), std::string::npos);
    EXPECT_NE(refusal(config("ttl", {{"ttl", "-1"}})).find("ttl"), std::string::npos);
    EXPECT_NE(refusal(config("ttl", {{"ttl", "soon"}})).find("ttl"), std::string::npos);
    EXPECT_NE(refusal(config("lru", {{"shards", "3"}})).find("shards"), std::string::npos);
    CacheConfig empty = config("lfu");
    empty.size = 0;
    EXPECT_NE(refusal(empty).find("FSA_CACHE_SIZE"), std::string::npos);
    CacheConfig spaced = config("memcached");
    spaced.prefix = "my app.";
    EXPECT_NE(refusal(spaced).find("FSA_CACHE_PREFIX"), std::string::npos);
}

TEST(MemcachedKey, ReadableWhenValidHashedOtherwiseAndAlwaysShortEnough) {
    using cache::memcached_key;
    EXPECT_EQ(memcached_key("acme.", "17", "u.('calvin',)"), "acme.17ku.('calvin',)");
    std::string spaced = memcached_key("acme.", "17", "u.('hobbes the tiger',)");
    EXPECT_EQ(spaced.substr(0, 8), "acme.17h");
    EXPECT_EQ(spaced.size(), 8u + 64u);
    EXPECT_EQ(spaced, memcached_key("acme.", "17", "u.('hobbes the tiger',)"));  // consistent
    std::string long_key(300, 'x');
    std::string hashed = memcached_key(std::string(128, 'p'), "1700000000000000", long_key);
    EXPECT_LE(hashed.size(), 250u);
    EXPECT_NE(hashed, memcached_key(std::string(128, 'p'), "1700000000000000", long_key + "y"));
    EXPECT_NE(memcached_key("", "1", std::string("a\0b", 3)), memcached_key("", "1", std::string("a\0c", 3)));
    // A readable key can never look like a hashed one.
    std::string digest = spaced.substr(8);
    EXPECT_NE(memcached_key("acme.", "17", digest), spaced);
}

}  // namespace
}  // namespace simpleauth::detail
