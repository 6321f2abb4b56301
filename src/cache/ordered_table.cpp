// lru, fifo, ttl and tlru: a list in eviction order plus, for the expiring kinds, a list in expiry order.
#include <iterator>
#include <list>
#include <unordered_map>

#include "cache/eviction.hpp"

namespace simpleauth::detail::cache {
namespace {

class OrderedTable final : public EvictionTable {
public:
    OrderedTable(Policy policy, std::size_t capacity, Clock::duration ttl)
        : capacity_(capacity),
          ttl_(ttl),
          // cachetools: LRU, TTL and TLRU caches refresh recency on reads; FIFO only on writes.
          touch_on_read_(policy != Policy::fifo),
          expires_(policy == Policy::ttl || policy == Policy::tlru) {}

    const std::string* find(std::string_view key, Clock::time_point now) override {
        auto it = index_.find(key);
        if (it == index_.end()) {
            return nullptr;
        }
        auto entry = it->second;
        if (expires_ && entry->expires <= now) {
            unlink(entry);
            return nullptr;
        }
        if (touch_on_read_) {
            order_.splice(order_.end(), order_, entry);
        }
        return &entry->value;
    }

    void insert(std::string_view key, std::string_view value, Clock::time_point now) override {
        if (auto it = index_.find(key); it != index_.end()) {
            auto entry = it->second;
            entry->value.assign(value);
            order_.splice(order_.end(), order_, entry);
            if (expires_) {
                // Every entry has the same lifetime, so the order of writes is the order of expiry.
                entry->expires = now + ttl_;
                by_expiry_.splice(by_expiry_.end(), by_expiry_, entry->expiry_pos);
            }
            return;
        }
        if (index_.size() >= capacity_) {
            make_room(now);
        }
        order_.push_back(Entry{std::string(key), std::string(value), now + ttl_, {}});
        auto entry = std::prev(order_.end());
        if (expires_) {
            by_expiry_.push_back(entry);
            entry->expiry_pos = std::prev(by_expiry_.end());
        }
        index_.emplace(std::string_view(entry->key), entry);
    }

    bool erase(std::string_view key) override {
        auto it = index_.find(key);
        if (it == index_.end()) {
            return false;
        }
        unlink(it->second);
        return true;
    }

    void clear() override {
        index_.clear();
        by_expiry_.clear();
        order_.clear();
    }

    std::size_t size() const override { return index_.size(); }

private:
    struct Entry;
    using EntryIt = std::list<Entry>::iterator;
    struct Entry {
        std::string key;
        std::string value;
        Clock::time_point expires;
        std::list<EntryIt>::iterator expiry_pos;
    };

    // Like cachetools: expired entries go first, and only then the least recently used (or first written).
    void make_room(Clock::time_point now) {
        if (expires_) {
            while (!by_expiry_.empty() && by_expiry_.front()->expires <= now) {
                unlink(by_expiry_.front());
            }
        }
        while (index_.size() >= capacity_ && !order_.empty()) {
            unlink(order_.begin());
        }
    }

    void unlink(EntryIt entry) {
        index_.erase(std::string_view(entry->key));
        if (expires_) {
            by_expiry_.erase(entry->expiry_pos);
        }
        order_.erase(entry);
    }

    std::size_t capacity_;
    Clock::duration ttl_;
    bool touch_on_read_;
    bool expires_;
    std::list<Entry> order_;                                                         // front: next victim
    std::list<EntryIt> by_expiry_;                                                   // front: first to expire
    std::unordered_map<std::string_view, EntryIt, KeyHash, std::equal_to<>> index_;  // keys owned by order_
};

}  // namespace

std::unique_ptr<EvictionTable> make_ordered_table(Policy policy, std::size_t capacity, Clock::duration ttl) {
    return std::make_unique<OrderedTable>(policy, capacity, ttl);
}

}  // namespace simpleauth::detail::cache
