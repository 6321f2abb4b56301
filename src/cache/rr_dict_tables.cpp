// rr (random replacement, cachetools RRCache) and dict (unbounded, never expires).
#include <memory>
#include <random>
#include <unordered_map>
#include <vector>

#include "cache/eviction.hpp"

namespace simpleauth::detail::cache {
namespace {

class RrTable final : public EvictionTable {
public:
    explicit RrTable(std::size_t capacity) : capacity_(capacity), random_(std::random_device{}()) {}

    const std::string* find(std::string_view key, Clock::time_point) override {
        auto it = index_.find(key);
        return it == index_.end() ? nullptr : &slots_[it->second]->value;
    }

    void insert(std::string_view key, std::string_view value, Clock::time_point) override {
        if (auto it = index_.find(key); it != index_.end()) {
            slots_[it->second]->value.assign(value);
            return;
        }
        if (slots_.size() >= capacity_ && !slots_.empty()) {
            std::uniform_int_distribution<std::size_t> pick(0, slots_.size() - 1);
            remove_slot(pick(random_));
        }
        slots_.push_back(std::make_unique<Entry>(Entry{std::string(key), std::string(value)}));
        index_.emplace(std::string_view(slots_.back()->key), slots_.size() - 1);
    }

    bool erase(std::string_view key) override {
        auto it = index_.find(key);
        if (it == index_.end()) {
            return false;
        }
        remove_slot(it->second);
        return true;
    }

    void clear() override {
        index_.clear();
        slots_.clear();
    }

    std::size_t size() const override { return slots_.size(); }

private:
    struct Entry {
        std::string key;
        std::string value;
    };

    // Swap with the last slot so that removal is O(1) and slots stay dense for uniform picking.
    void remove_slot(std::size_t slot) {
        index_.erase(std::string_view(slots_[slot]->key));
        if (slot + 1 != slots_.size()) {
            slots_[slot] = std::move(slots_.back());
            index_[std::string_view(slots_[slot]->key)] = slot;
        }
        slots_.pop_back();
    }

    std::size_t capacity_;
    std::minstd_rand random_;
    std::vector<std::unique_ptr<Entry>> slots_;  // unique_ptr: the index's key views survive moves
    std::unordered_map<std::string_view, std::size_t, KeyHash, std::equal_to<>> index_;
};

class DictTable final : public EvictionTable {
public:
    const std::string* find(std::string_view key, Clock::time_point) override {
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : &it->second;
    }
    void insert(std::string_view key, std::string_view value, Clock::time_point) override {
        if (auto it = map_.find(key); it != map_.end()) {
            it->second.assign(value);
        } else {
            map_.emplace(std::string(key), std::string(value));
        }
    }
    bool erase(std::string_view key) override {
        auto it = map_.find(key);
        if (it == map_.end()) {
            return false;
        }
        map_.erase(it);
        return true;
    }
    void clear() override { map_.clear(); }
    std::size_t size() const override { return map_.size(); }

private:
    std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> map_;
};

}  // namespace

std::unique_ptr<EvictionTable> make_rr_table(std::size_t capacity) {
    return std::make_unique<RrTable>(capacity);
}
std::unique_ptr<EvictionTable> make_dict_table() {
    return std::make_unique<DictTable>();
}

}  // namespace simpleauth::detail::cache
