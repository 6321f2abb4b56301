#pragma once
#include <memory>

#include "cache/cache_store.hpp"
#include "cache/eviction.hpp"

namespace simpleauth::detail::cache {

// The in-process kinds (ttl, lru, tlru, lfu, fifo, rr, dict); `none` stores nothing.
std::unique_ptr<CacheStore> make_memory_store(const CacheConfig& config, Policy policy);
std::unique_ptr<CacheStore> make_null_store();

}  // namespace simpleauth::detail::cache
