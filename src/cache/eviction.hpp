#pragma once
// One shard's table of an in-process store, with the eviction policy of a cachetools class.
// Not thread-safe: the owning shard holds its mutex around every call.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace simpleauth::detail::cache {

using Clock = std::chrono::steady_clock;

enum class Policy { ttl, lru, tlru, lfu, fifo, rr, dict };

// Heterogeneous lookup: a get with a string_view key allocates nothing.
struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
};

class EvictionTable {
public:
    virtual ~EvictionTable() = default;
    // The value of a live entry (recording the use for lru/lfu), or nullptr; valid until the next call.
    virtual const std::string* find(std::string_view key, Clock::time_point now) = 0;
    // Inserts or replaces, evicting per the policy when the table is full.
    virtual void insert(std::string_view key, std::string_view value, Clock::time_point now) = 0;
    virtual bool erase(std::string_view key) = 0;
    virtual void clear() = 0;
    virtual std::size_t size() const = 0;
};

// capacity ≥ 1 entries (ignored by dict); ttl applies to the ttl and tlru policies.
std::unique_ptr<EvictionTable> make_ordered_table(Policy policy, std::size_t capacity, Clock::duration ttl);
std::unique_ptr<EvictionTable> make_lfu_table(std::size_t capacity);
std::unique_ptr<EvictionTable> make_rr_table(std::size_t capacity);
std::unique_ptr<EvictionTable> make_dict_table();

}  // namespace simpleauth::detail::cache
