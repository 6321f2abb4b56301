// Sharded in-process store: the key hash picks one of N shards, each with its own mutex, table and share of
// the size bound, so that server threads touching different keys rarely wait for each other.
//
// FSA_CACHE_PREFIX is not applied here: it only separates applications sharing one server, and this table
// belongs to a single store.
#include "cache/memory_store.hpp"

#include <atomic>
#include <bit>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <stdexcept>

#include "cache/cache_support.hpp"

namespace simpleauth::detail::cache {
namespace {

constexpr std::size_t max_shards = 32;
constexpr std::size_t min_entries_per_shard = 256;

std::string_view policy_name(Policy policy) {
    switch (policy) {
        case Policy::ttl:
            return "ttl";
        case Policy::lru:
            return "lru";
        case Policy::tlru:
            return "tlru";
        case Policy::lfu:
            return "lfu";
        case Policy::fifo:
            return "fifo";
        case Policy::rr:
            return "rr";
        case Policy::dict:
            return "dict";
    }
    return "?";
}

// Small caches keep one shard so that their eviction order is exactly the policy's; large ones get up to 32
// shards of at least 256 entries each (the bound is per shard, so the order is only per shard there).
std::size_t default_shards(Policy policy, std::size_t size) {
    if (policy == Policy::dict) {
        return max_shards;
    }
    std::size_t shards = 1;
    while (shards < max_shards && size / (shards * 2) >= min_entries_per_shard) {
        shards *= 2;
    }
    return shards;
}

class MemoryStore final : public CacheStore {
public:
    MemoryStore(Policy policy, std::size_t size, std::size_t shards, Clock::duration ttl)
        : policy_(policy), shards_(std::make_unique<Shard[]>(shards)), shard_bits_(std::countr_zero(shards)) {
        for (std::size_t i = 0; i < shards; ++i) {
            // Spread the bound exactly: the shares add up to `size`.
            std::size_t share = size / shards + (i < size % shards ? 1 : 0);
            switch (policy) {
                case Policy::lfu:
                    shards_[i].table = make_lfu_table(share);
                    break;
                case Policy::rr:
                    shards_[i].table = make_rr_table(share);
                    break;
                case Policy::dict:
                    shards_[i].table = make_dict_table();
                    break;
                default:
                    shards_[i].table = make_ordered_table(policy, share, ttl);
                    break;
            }
        }
        count_ = shards;
    }

    std::optional<std::string> get(std::string_view key) override {
        Shard& shard = shard_of(key);
        auto now = Clock::now();
        std::lock_guard lock(shard.mutex);
        if (const std::string* value = shard.table->find(key, now)) {
            ++shard.hits;
            return *value;
        }
        ++shard.misses;
        return std::nullopt;
    }

    void set(std::string_view key, std::string_view value) override {
        Shard& shard = shard_of(key);
        auto now = Clock::now();
        std::lock_guard lock(shard.mutex);
        shard.table->insert(key, value, now);
    }

    // Read, add and write under the shard's mutex: no other thread sees the counter in between.
    std::optional<std::uint64_t> increment(std::string_view key,
                                           std::uint64_t delta,
                                           std::chrono::seconds /*lifetime*/) override {
        Shard& shard = shard_of(key);
        auto now = Clock::now();
        std::lock_guard lock(shard.mutex);
        std::uint64_t value = 0;
        if (const std::string* current = shard.table->find(key, now)) {
            std::from_chars(current->data(), current->data() + current->size(), value);
        }
        if (delta == 0) {
            return value;  // a read (the throttle's check on every password login): nothing written
        }
        value += delta;
        shard.table->insert(key, std::to_string(value), now);
        return value;
    }

    bool remove(std::string_view key) override {
        Shard& shard = shard_of(key);
        std::lock_guard lock(shard.mutex);
        return shard.table->erase(key);
    }

    void clear() override {
        for (std::size_t i = 0; i < count_; ++i) {
            std::lock_guard lock(shards_[i].mutex);
            shards_[i].table->clear();
        }
    }

    std::string_view kind() const noexcept override { return policy_name(policy_); }
    bool in_process() const noexcept override { return true; }

    Stats stats() const override {
        Stats total;
        for (std::size_t i = 0; i < count_; ++i) {
            std::lock_guard lock(shards_[i].mutex);
            total.hits += shards_[i].hits;
            total.misses += shards_[i].misses;
        }
        return total;
    }

private:
    // Aligned so that two shards' mutexes and counters never share a cache line.
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::unique_ptr<EvictionTable> table;
        std::uint64_t hits = 0, misses = 0;  // under the mutex: no contended atomic counter on the hot path
    };

    Shard& shard_of(std::string_view key) {
        if (shard_bits_ == 0) {
            return shards_[0];
        }
        // Fibonacci hashing on the top bits: the tables inside use the low bits of the same hash.
        std::uint64_t h = std::hash<std::string_view>{}(key)*0x9E3779B97F4A7C15ull;
        return shards_[h >> (64 - shard_bits_)];
    }

    Policy policy_;
    std::unique_ptr<Shard[]> shards_;
    int shard_bits_;
    std::size_t count_ = 0;
};

class NullStore final : public CacheStore {
public:
    std::optional<std::string> get(std::string_view) override {
        misses_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }
    void set(std::string_view, std::string_view) override {}
    std::optional<std::uint64_t> increment(std::string_view, std::uint64_t, std::chrono::seconds) override {
        return std::nullopt;  // nothing is kept, so nothing can be counted
    }
    bool remove(std::string_view) override { return false; }
    void clear() override {}
    std::string_view kind() const noexcept override { return "none"; }
    Stats stats() const override { return Stats{0, misses_.load(std::memory_order_relaxed), 0}; }

private:
    std::atomic<std::uint64_t> misses_{0};
};

}  // namespace

std::unique_ptr<CacheStore> make_memory_store(const CacheConfig& config, Policy policy) {
    check_options(config, {"ttl", "shards"});
    bool expiring = policy == Policy::ttl || policy == Policy::tlru;
    double ttl = expiring ? effective_ttl(config) : 0.0;
    if (policy != Policy::dict && config.size == 0) {
        throw std::invalid_argument("FSA_CACHE_SIZE must be positive for FSA_CACHE=" + config.kind);
    }
    auto shards = static_cast<std::size_t>(
        int_option(config, "shards", static_cast<long long>(default_shards(policy, config.size)), 1, 256));
    if (!std::has_single_bit(shards) || (policy != Policy::dict && shards > config.size)) {
        throw std::invalid_argument("FSA_CACHE_OPTS shards must be a power of two not above FSA_CACHE_SIZE");
    }
    auto lifetime = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(ttl));
    return std::make_unique<MemoryStore>(policy, config.size, shards, lifetime);
}

std::unique_ptr<CacheStore> make_null_store() {
    return std::make_unique<NullStore>();
}

}  // namespace simpleauth::detail::cache
