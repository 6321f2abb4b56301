// FSA_CACHE=redis through hiredis (blocking API with connect and command timeouts).
#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "cache/cache_support.hpp"
#include "cache/remote_stores.hpp"

namespace simpleauth::detail::cache {
namespace {

struct ContextFree {
    void operator()(redisContext* c) const noexcept { redisFree(c); }
};
struct ReplyFree {
    void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextFree>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

constexpr std::size_t max_idle_connections = 16;

// Glob characters of SCAN MATCH are escaped so that a prefix such as "a*" only matches itself.
std::string scan_pattern(std::string_view prefix) {
    std::string pattern;
    for (char c : prefix) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '*';
    return pattern;
}

class RedisStore final : public CacheStore {
public:
    explicit RedisStore(const CacheConfig& config)
        : prefix_(config.prefix),
          host_(text_option(config, "host", "127.0.0.1")),
          unix_socket_(text_option(config, "unix_socket", "")),
          username_(text_option(config, "username", "")),
          password_(text_option(config, "password", "")),
          port_(static_cast<int>(int_option(config, "port", 6379, 1, 65535))),
          db_(int_option(config, "db", 0, 0, 1 << 20)),
          ttl_seconds_(std::to_string(static_cast<long long>(std::ceil(effective_ttl(config))))),
          log_(config.log),
          backoff_(std::chrono::milliseconds(100), std::chrono::seconds(2)) {
        long long ms = int_option(config, "timeout_ms", 100, 1, 60000);
        timeout_.tv_sec = static_cast<time_t>(ms / 1000);
        timeout_.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
        if (!username_.empty() && password_.empty()) {
            throw std::invalid_argument("FSA_CACHE_OPTS username needs a password for redis");
        }
    }

    ~RedisStore() override = default;

    std::optional<std::string> get(std::string_view key) override {
        std::string full = prefix_ + std::string(key);
        ReplyPtr reply = execute({"GET", full});
        if (reply && reply->type == REDIS_REPLY_STRING) {
            hits_.fetch_add(1, std::memory_order_relaxed);
            return std::string(reply->str, reply->len);
        }
        misses_.fetch_add(1, std::memory_order_relaxed);
        return std::nullopt;
    }

    void set(std::string_view key, std::string_view value) override {
        std::string full = prefix_ + std::string(key);
        execute({"SET", full, value, "EX", ttl_seconds_});
    }

    // One script, so that the increment and the expiry of a new counter are one atomic step: a counter
    // created by INCRBY and left without expiry (the client dying in between) would never reset.
    std::optional<std::uint64_t> increment(std::string_view key,
                                           std::uint64_t delta,
                                           std::chrono::seconds lifetime) override {
        static constexpr std::string_view script =
            "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) "
            "if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end "
            "return n";
        std::string full = prefix_ + std::string(key);
        std::string by = std::to_string(delta);
        std::string seconds = std::to_string(std::max<long long>(1, lifetime.count()));
        ReplyPtr reply = execute({"EVAL", script, "1", full, by, seconds});
        if (!reply || reply->type != REDIS_REPLY_INTEGER || reply->integer < 0) {
            return std::nullopt;
        }
        return static_cast<std::uint64_t>(reply->integer);
    }

    bool remove(std::string_view key) override {
        std::string full = prefix_ + std::string(key);
        ReplyPtr reply = execute({"DEL", full});
        return reply && reply->type == REDIS_REPLY_INTEGER && reply->integer > 0;
    }

    // SCAN + DEL of this prefix only: FLUSHDB would wipe other applications sharing the server.
    void clear() override {
        std::string pattern = scan_pattern(prefix_);
        std::string cursor = "0";
        do {
            ReplyPtr reply = execute({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
            if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 ||
                reply->element[0]->type != REDIS_REPLY_STRING || reply->element[1]->type != REDIS_REPLY_ARRAY) {
                return;  // logged by execute; what was deleted so far stays deleted
            }
            cursor.assign(reply->element[0]->str, reply->element[0]->len);
            const redisReply* keys = reply->element[1];
            if (keys->elements > 0) {
                std::vector<std::string_view> del{"DEL"};
                for (std::size_t i = 0; i < keys->elements; ++i) {
                    del.emplace_back(keys->element[i]->str, keys->element[i]->len);
                }
                execute(del);
            }
        } while (cursor != "0");
    }

    std::string_view kind() const noexcept override { return "redis"; }

    Stats stats() const override {
        return Stats{hits_.load(std::memory_order_relaxed),
                     misses_.load(std::memory_order_relaxed),
                     errors_.load(std::memory_order_relaxed)};
    }

private:
    // One command on a pooled connection. A failure on a reused connection (the server restarted or closed
    // it) is retried once on a fresh one; that is the only retry on the request path (REL-07). Any other
    // failure drops the connection and backs off; nullptr then.
    ReplyPtr execute(std::vector<std::string_view> args) {
        std::vector<const char*> argv;
        std::vector<std::size_t> lengths;
        for (auto arg : args) {
            argv.push_back(arg.data());
            lengths.push_back(arg.size());
        }
        SigpipeGuard guard;
        for (int attempt = 0; attempt < 2; ++attempt) {
            bool reused = false;
            ContextPtr context = acquire(reused);
            if (!context) {
                errors_.fetch_add(1, std::memory_order_relaxed);
                return nullptr;
            }
            auto* raw = static_cast<redisReply*>(
                redisCommandArgv(context.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()));
            if (raw != nullptr) {
                ReplyPtr reply(raw);
                release(std::move(context));
                if (reply->type == REDIS_REPLY_ERROR) {
                    // The connection is fine but the server refused (NOAUTH, OOM, ...): a miss, logged.
                    errors_.fetch_add(1, std::memory_order_relaxed);
                    emit_log(log_, "redis cache error reply: " + std::string(reply->str, reply->len));
                    return nullptr;
                }
                return reply;
            }
            std::string reason = context->errstr;
            context.reset();
            if (!reused) {
                fail(reason);
                break;
            }
            // The other idle connections predate the same event: drop them rather than fail on each in turn.
            std::lock_guard lock(pool_mutex_);
            idle_.clear();
        }
        errors_.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }

    ContextPtr acquire(bool& reused) {
        {
            std::lock_guard lock(pool_mutex_);
            if (!idle_.empty()) {
                ContextPtr context = std::move(idle_.back());
                idle_.pop_back();
                reused = true;
                return context;
            }
        }
        reused = false;
        if (!backoff_.allow()) {
            return nullptr;  // a recent failure: fail fast instead of waiting for a timeout again
        }
        return connect();
    }

    void release(ContextPtr context) {
        if (backoff_.succeeded()) {
            emit_log(log_, "redis cache reachable again");
        }
        std::lock_guard lock(pool_mutex_);
        if (idle_.size() < max_idle_connections) {
            idle_.push_back(std::move(context));
        }
    }

    ContextPtr connect() {
        ContextPtr context(unix_socket_.empty() ? redisConnectWithTimeout(host_.c_str(), port_, timeout_)
                                                : redisConnectUnixWithTimeout(unix_socket_.c_str(), timeout_));
        if (!context || context->err != 0) {
            fail(context ? context->errstr : "cannot allocate a connection");
            return nullptr;
        }
        if (redisSetTimeout(context.get(), timeout_) != REDIS_OK) {
            fail("cannot set the command timeout");
            return nullptr;
        }
        if (!password_.empty()) {
            ReplyPtr auth(static_cast<redisReply*>(
                username_.empty() ? redisCommand(context.get(), "AUTH %b", password_.data(), password_.size())
                                  : redisCommand(context.get(),
                                                 "AUTH %b %b",
                                                 username_.data(),
                                                 username_.size(),
                                                 password_.data(),
                                                 password_.size())));
            if (!auth || auth->type == REDIS_REPLY_ERROR) {
                fail("authentication refused");  // never the password itself
                return nullptr;
            }
        }
        if (db_ != 0) {
            ReplyPtr select(static_cast<redisReply*>(redisCommand(context.get(), "SELECT %lld", db_)));
            if (!select || select->type == REDIS_REPLY_ERROR) {
                fail("cannot select the database");
                return nullptr;
            }
        }
        return context;
    }

    void fail(const std::string& reason) {
        if (backoff_.failed()) {
            emit_log(log_, "redis cache unreachable (" + reason + "): treated as misses until it answers again");
        }
    }

    std::string prefix_, host_, unix_socket_, username_, password_;
    int port_;
    long long db_;
    std::string ttl_seconds_;  // SET ... EX takes whole seconds: the ttl rounded up
    timeval timeout_{};
    std::function<void(std::string_view)> log_;
    Backoff backoff_;
    std::mutex pool_mutex_;
    std::vector<ContextPtr> idle_;
    std::atomic<std::uint64_t> hits_{0}, misses_{0}, errors_{0};
};

}  // namespace

std::unique_ptr<CacheStore> make_redis_store(const CacheConfig& config) {
    check_options(config, {"host", "port", "db", "username", "password", "timeout_ms", "unix_socket", "ttl"});
    return std::make_unique<RedisStore>(config);
}

}  // namespace simpleauth::detail::cache
