#include <stdexcept>

#include "cache/cache_support.hpp"
#include "cache/memory_store.hpp"
#include "cache/remote_stores.hpp"

namespace simpleauth::detail {

std::unique_ptr<CacheStore> make_cache_store(const CacheConfig& config) {
    using cache::Policy;
    const std::string& kind = config.kind;
    if (kind == "none") {
        cache::check_options(config, {"ttl"});
        return cache::make_null_store();
    }
    if (kind == "redis") {
        return cache::make_redis_store(config);
    }
    if (kind == "memcached" || kind == "pymemcache") {  // upstream accepts both names
        return cache::make_memcached_store(config);
    }
    static const std::pair<std::string_view, Policy> policies[] = {
        {"ttl", Policy::ttl},
        {"lru", Policy::lru},
        {"tlru", Policy::tlru},
        {"lfu", Policy::lfu},
        {"fifo", Policy::fifo},
        {"rr", Policy::rr},
        {"dict", Policy::dict},
    };
    for (const auto& [name, policy] : policies) {
        if (kind == name) {
            return cache::make_memory_store(config, policy);
        }
    }
    throw std::invalid_argument("unexpected FSA_CACHE: " + kind);  // upstream's message
}

}  // namespace simpleauth::detail
