#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "cache/cache_store.hpp"

namespace simpleauth::detail::cache {

std::unique_ptr<CacheStore> make_redis_store(const CacheConfig& config);
std::unique_ptr<CacheStore> make_memcached_store(const CacheConfig& config);

// The memcached key of `key` under `prefix` and namespace generation `generation`: kept readable when the
// result is a valid memcached key (≤ 250 printable bytes, no space), else the SHA-256 of `key` in hex. The
// marker after the generation ('k' or 'h') keeps both forms apart, so no readable key equals a hashed one.
std::string memcached_key(std::string_view prefix, std::string_view generation, std::string_view key);

}  // namespace simpleauth::detail::cache
