#pragma once
// Key/value stores behind FSA_CACHE: in-process tables (cachetools equivalents), redis and memcached.
// The authentication layer memoizes hook results in them; every store is thread-safe and an unreachable
// shared store behaves as a cache miss so that a request is never decided by, nor hung on, the cache.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace simpleauth::detail {

struct CacheConfig {
    std::string kind = "ttl";   // ttl (default), lru, tlru, lfu, fifo, rr, dict, none, redis, memcached
    std::size_t size = 262144;  // FSA_CACHE_SIZE: max entries of the in-process kinds
    double ttl = 600;           // seconds (FSA_CACHE_OPTS ttl); for ttl, tlru, redis, memcached
    // FSA_CACHE_OPTS, values as text: redis host/port/db/username/password/timeout_ms/unix_socket; memcached
    // server ("host:port"), timeout_ms; ttl; in-process kinds: shards (power of two, default from size).
    std::map<std::string, std::string> options;
    std::string prefix;  // FSA_CACHE_PREFIX, prepended to every key (shared caches)
    // Receives one line per outage transition or unexpected server reply (never keys nor values, which may
    // hold tokens); empty: stderr. The core wires it to its logger.
    std::function<void(std::string_view)> log;
};

class CacheStore {  // thread-safe: called from several server threads at once
public:
    virtual ~CacheStore() = default;
    virtual std::optional<std::string> get(std::string_view key) = 0;    // nullopt: absent, expired, or unreachable
    virtual void set(std::string_view key, std::string_view value) = 0;  // never throws for an unreachable store
    virtual bool remove(std::string_view key) = 0;                       // whether something was removed
    virtual void clear() = 0;  // every entry (with this prefix for shared stores)
    // Adds `delta` to the counter `key` atomically (across threads, and across processes for the shared
    // stores) and returns its new value; an absent counter starts at `delta` (0 reads and creates it). Shared
    // stores expire a new counter `lifetime` after its creation; in-process ones follow their own ttl.
    // nullopt: the store cannot count (unreachable, or `none`), which callers must not read as zero.
    virtual std::optional<std::uint64_t> increment(std::string_view key,
                                                   std::uint64_t delta,
                                                   std::chrono::seconds lifetime) = 0;
    virtual std::string_view kind() const noexcept = 0;
    // whether get() only reads this process's memory (never waits for a server): what an I/O thread
    // may consult before deciding to hand a request to the worker pool
    virtual bool in_process() const noexcept { return false; }
    struct Stats {
        std::uint64_t hits = 0, misses = 0, errors = 0;
    };
    virtual Stats stats() const = 0;
};

// std::invalid_argument naming a bad kind/option.
std::unique_ptr<CacheStore> make_cache_store(const CacheConfig&);

}  // namespace simpleauth::detail
