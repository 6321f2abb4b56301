// FSA_CACHE=memcached through libmemcached (binary protocol, non-blocking I/O bounded by timeouts).
//
// clear() cannot delete by prefix in memcached and flush_all would wipe other applications' data, so every
// key embeds a namespace generation stored under "<prefix>#gen": clear() increments it, which orphans all
// the entries of this prefix at once (memcached evicts them in time).
#include <libmemcached/memcached.h>
#include <netinet/in.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "cache/cache_support.hpp"
#include "cache/remote_stores.hpp"

namespace simpleauth::detail::cache {
namespace {

struct HandleFree {
    void operator()(memcached_st* m) const noexcept { memcached_free(m); }
};
using HandlePtr = std::unique_ptr<memcached_st, HandleFree>;

constexpr std::size_t max_idle_handles = 16;
constexpr std::size_t max_prefix_length = 128;          // leaves room for the generation and a hashed key
constexpr time_t max_relative_expiry = 30 * 24 * 3600;  // memcached reads larger values as a date

// A fresh generation is the current time in microseconds: if the counter is ever evicted, the new one is
// larger than any value it held, so orphaned entries never come back.
std::uint64_t fresh_generation() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

class MemcachedStore final : public CacheStore {
public:
    explicit MemcachedStore(const CacheConfig& config)
        : prefix_(config.prefix),
          generation_key_(config.prefix + "#gen"),  // '#': never a generation digit, so never an entry key
          timeout_ms_(int_option(config, "timeout_ms", 100, 1, 60000)),
          log_(config.log),
          backoff_(std::chrono::milliseconds(100), std::chrono::seconds(2)) {
        std::string server = text_option(config, "server", "127.0.0.1:11211");
        auto colon = server.rfind(':');
        host_ = server.substr(0, colon);
        long long port = 11211;
        if (colon != std::string::npos) {
            port = parse_int(std::string_view(server).substr(colon + 1), "memcached server port", 1, 65535);
        }
        port_ = static_cast<in_port_t>(port);
        if (host_.empty()) {
            throw std::invalid_argument("FSA_CACHE_OPTS server must be host:port for memcached");
        }
        for (char c : prefix_) {
            auto u = static_cast<unsigned char>(c);
            if (u <= 0x20 || u >= 0x7F) {
                throw std::invalid_argument("FSA_CACHE_PREFIX must be printable without spaces for memcached");
            }
        }
        if (prefix_.size() > max_prefix_length) {
            throw std::invalid_argument("FSA_CACHE_PREFIX must be at most 128 characters for memcached");
        }
        auto ttl = static_cast<time_t>(std::ceil(effective_ttl(config)));
        expiry_relative_ = ttl <= max_relative_expiry;
        ttl_ = ttl;
    }

    std::optional<std::string> get(std::string_view key) override {
        std::optional<std::string> value;
        bool ok = run([&](memcached_st* m, const std::string& generation) {
            std::string full = memcached_key(prefix_, generation, key);
            std::size_t length = 0;
            std::uint32_t flags = 0;
            memcached_return_t rc = MEMCACHED_SUCCESS;
            char* raw = memcached_get(m, full.data(), full.size(), &length, &flags, &rc);
            if (rc == MEMCACHED_SUCCESS) {
                value.emplace(raw != nullptr ? std::string(raw, length) : std::string());
            }
            std::free(raw);
            return rc;
        });
        (ok && value ? hits_ : misses_).fetch_add(1, std::memory_order_relaxed);
        return value;
    }

    void set(std::string_view key, std::string_view value) override {
        time_t expiry = expiry_relative_ ? ttl_ : std::time(nullptr) + ttl_;
        run([&](memcached_st* m, const std::string& generation) {
            std::string full = memcached_key(prefix_, generation, key);
            return memcached_set(m, full.data(), full.size(), value.data(), value.size(), expiry, 0);
        });
    }

    // The binary protocol's increment creates an absent counter with its initial value and expiry in one
    // step; a concurrent creation refused by the server (NOT STORED) is settled by incrementing again.
    std::optional<std::uint64_t> increment(std::string_view key,
                                           std::uint64_t delta,
                                           std::chrono::seconds lifetime) override {
        auto seconds = static_cast<time_t>(std::max<long long>(1, lifetime.count()));
        time_t expiry = seconds <= max_relative_expiry ? seconds : std::time(nullptr) + seconds;
        std::uint64_t value = 0;
        memcached_return_t rc = MEMCACHED_FAILURE;
        bool ok = run([&](memcached_st* m, const std::string& generation) {
            std::string full = memcached_key(prefix_, generation, key);
            for (int attempt = 0; attempt < 2; ++attempt) {
                rc = memcached_increment_with_initial(m, full.data(), full.size(), delta, delta, expiry, &value);
                if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
                    break;
                }
            }
            return rc;
        });
        return ok && rc == MEMCACHED_SUCCESS ? std::optional<std::uint64_t>(value) : std::nullopt;
    }

    bool remove(std::string_view key) override {
        memcached_return_t result = MEMCACHED_FAILURE;
        run([&](memcached_st* m, const std::string& generation) {
            std::string full = memcached_key(prefix_, generation, key);
            result = memcached_delete(m, full.data(), full.size(), 0);
            return result;
        });
        return result == MEMCACHED_SUCCESS || result == MEMCACHED_DELETED;
    }

    void clear() override {
        run(
            [&](memcached_st* m, const std::string&) {
                std::uint64_t next = 0;
                return bump_generation(m, 1, next);
            },
            false);
    }

    std::string_view kind() const noexcept override { return "memcached"; }

    Stats stats() const override {
        return Stats{hits_.load(std::memory_order_relaxed),
                     misses_.load(std::memory_order_relaxed),
                     errors_.load(std::memory_order_relaxed)};
    }

private:
    // Runs `op(handle, generation)` on a pooled handle; false on failure (logged, counted). Connection
    // failures drop the handle (no sticky "server disabled" state) and back off; one reused handle failing
    // gets a single retry on a fresh one (the server may have restarted), never more (REL-07).
    template <class Op>
    bool run(Op&& op, bool needs_generation = true) {
        SigpipeGuard guard;
        for (int attempt = 0; attempt < 2; ++attempt) {
            bool reused = false;
            HandlePtr handle = acquire(reused);
            if (!handle) {
                break;
            }
            std::string generation;
            memcached_return_t rc = needs_generation ? read_generation(handle.get(), generation) : MEMCACHED_SUCCESS;
            if (memcached_success(rc)) {
                rc = op(handle.get(), generation);
            }
            if (!memcached_fatal(rc)) {
                release(std::move(handle));
                if (rc == MEMCACHED_SUCCESS || rc == MEMCACHED_NOTFOUND || rc == MEMCACHED_DELETED ||
                    rc == MEMCACHED_STORED || rc == MEMCACHED_END) {
                    return true;
                }
                // Reachable but refused (a value over the item size limit, out of memory, ...).
                errors_.fetch_add(1, std::memory_order_relaxed);
                emit_log(log_, std::string("memcached cache refused an operation: ") + memcached_strerror(nullptr, rc));
                return false;
            }
            std::string reason = memcached_last_error_message(handle.get());
            handle.reset();
            if (!reused) {
                fail(reason);
                break;
            }
            std::lock_guard lock(pool_mutex_);
            idle_.clear();  // they predate the same event
        }
        errors_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }

    // Incrementing by 0 reads the counter and creates it when absent, in one round trip.
    memcached_return_t read_generation(memcached_st* m, std::string& generation) {
        std::uint64_t value = 0;
        memcached_return_t rc = bump_generation(m, 0, value);
        if (memcached_success(rc)) {
            generation = std::to_string(value);
        }
        return rc;
    }

    memcached_return_t bump_generation(memcached_st* m, std::uint64_t by, std::uint64_t& value) {
        memcached_return_t rc = MEMCACHED_FAILURE;
        // Two clients creating the counter at once: the server refuses the second creation (NOT STORED), and
        // the counter then exists, so a second increment settles it.
        for (int attempt = 0; attempt < 2; ++attempt) {
            rc = memcached_increment_with_initial(
                m, generation_key_.data(), generation_key_.size(), by, fresh_generation(), 0, &value);
            if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
                break;
            }
        }
        return rc;
    }

    HandlePtr acquire(bool& reused) {
        {
            std::lock_guard lock(pool_mutex_);
            if (!idle_.empty()) {
                HandlePtr handle = std::move(idle_.back());
                idle_.pop_back();
                reused = true;
                return handle;
            }
        }
        reused = false;
        if (!backoff_.allow()) {
            return nullptr;
        }
        HandlePtr handle(memcached_create(nullptr));
        if (!handle || memcached_server_add(handle.get(), host_.c_str(), port_) != MEMCACHED_SUCCESS) {
            fail("cannot create a client");
            return nullptr;
        }
        auto ms = static_cast<std::uint64_t>(timeout_ms_);
        memcached_st* m = handle.get();
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_BINARY_PROTOCOL, 1);
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_NO_BLOCK, 1);  // required for the timeouts to apply
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, ms);
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, ms);
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, ms * 1000);
        memcached_behavior_set(m, MEMCACHED_BEHAVIOR_SND_TIMEOUT, ms * 1000);
        return handle;
    }

    void release(HandlePtr handle) {
        if (backoff_.succeeded()) {
            emit_log(log_, "memcached cache reachable again");
        }
        std::lock_guard lock(pool_mutex_);
        if (idle_.size() < max_idle_handles) {
            idle_.push_back(std::move(handle));
        }
    }

    void fail(const std::string& reason) {
        if (backoff_.failed()) {
            emit_log(log_, "memcached cache unreachable (" + reason + "): treated as misses until it answers again");
        }
    }

    std::string prefix_, generation_key_, host_;
    in_port_t port_ = 11211;
    long long timeout_ms_;
    time_t ttl_ = 0;
    bool expiry_relative_ = true;
    std::function<void(std::string_view)> log_;
    Backoff backoff_;
    std::mutex pool_mutex_;
    std::vector<HandlePtr> idle_;
    std::atomic<std::uint64_t> hits_{0}, misses_{0}, errors_{0};
};

}  // namespace

std::unique_ptr<CacheStore> make_memcached_store(const CacheConfig& config) {
    check_options(config, {"server", "timeout_ms", "ttl"});
    return std::make_unique<MemcachedStore>(config);
}

}  // namespace simpleauth::detail::cache
