// lfu: use counts in buckets; the victim is the oldest entry of the least used bucket (cachetools LFUCache
// counts writes and reads, and breaks ties by insertion order).
#include <cstdint>
#include <iterator>
#include <list>
#include <map>
#include <unordered_map>

#include "cache/eviction.hpp"

namespace simpleauth::detail::cache {
namespace {

class LfuTable final : public EvictionTable {
public:
    explicit LfuTable(std::size_t capacity) : capacity_(capacity) {}

    const std::string* find(std::string_view key, Clock::time_point) override {
        auto it = index_.find(key);
        if (it == index_.end()) {
            return nullptr;
        }
        bump(it->second);
        return &it->second.value;
    }

    void insert(std::string_view key, std::string_view value, Clock::time_point) override {
        if (auto it = index_.find(key); it != index_.end()) {
            it->second.value.assign(value);
            bump(it->second);
            return;
        }
        if (index_.size() >= capacity_ && !buckets_.empty()) {
            auto least = buckets_.begin();
            std::string_view victim = least->second.front();
            least->second.pop_front();
            if (least->second.empty()) {
                buckets_.erase(least);
            }
            auto gone = index_.find(victim);
            auto owner = gone->second.owner;
            index_.erase(gone);  // before the key's storage, which `victim` views
            entries_.erase(owner);
        }
        entries_.emplace_back(key);
        auto owner = std::prev(entries_.end());
        std::string_view stable(*owner);
        auto& bucket = buckets_[1];
        bucket.push_back(stable);
        index_.emplace(stable, Entry{std::string(value), 1, std::prev(bucket.end()), owner});
    }

    bool erase(std::string_view key) override {
        auto it = index_.find(key);
        if (it == index_.end()) {
            return false;
        }
        auto bucket = buckets_.find(it->second.uses);
        bucket->second.erase(it->second.pos);
        if (bucket->second.empty()) {
            buckets_.erase(bucket);
        }
        auto owner = it->second.owner;
        index_.erase(it);
        entries_.erase(owner);
        return true;
    }

    void clear() override {
        index_.clear();
        buckets_.clear();
        entries_.clear();
    }

    std::size_t size() const override { return index_.size(); }

private:
    struct Entry {
        std::string value;
        std::uint64_t uses;
        std::list<std::string_view>::iterator pos;  // in buckets_[uses]
        std::list<std::string>::iterator owner;     // the key's storage
    };

    void bump(Entry& entry) {
        auto bucket = buckets_.find(entry.uses);
        std::string_view key = *entry.pos;
        bucket->second.erase(entry.pos);
        if (bucket->second.empty()) {
            buckets_.erase(bucket);
        }
        ++entry.uses;
        auto& next = buckets_[entry.uses];
        next.push_back(key);
        entry.pos = std::prev(next.end());
    }

    std::size_t capacity_;
    std::list<std::string> entries_;  // owns the keys, so that the views below stay valid
    std::map<std::uint64_t, std::list<std::string_view>> buckets_;
    std::unordered_map<std::string_view, Entry, KeyHash, std::equal_to<>> index_;
};

}  // namespace

std::unique_ptr<EvictionTable> make_lfu_table(std::size_t capacity) {
    return std::make_unique<LfuTable>(capacity);
}

}  // namespace simpleauth::detail::cache
