#pragma once
// Helpers shared by the cache stores: option parsing, outage logging, reconnection backoff, SIGPIPE guard.

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "cache/cache_store.hpp"

namespace simpleauth::detail::cache {

// Throws std::invalid_argument naming the first option of `config` that `kind` does not know.
void check_options(const CacheConfig& config, std::initializer_list<std::string_view> known);

// `text` as an integer in [min, max]; std::invalid_argument mentioning `what` otherwise.
long long parse_int(std::string_view text, std::string_view what, long long min, long long max);

// Option `name` as an integer in [min, max], or `fallback` when absent; std::invalid_argument otherwise.
long long int_option(
    const CacheConfig& config, const std::string& name, long long fallback, long long min, long long max);
std::string text_option(const CacheConfig& config, const std::string& name, std::string fallback);

// The ttl in seconds: the `ttl` option overrides CacheConfig::ttl (FSA_CACHE_OPTS={"ttl": N}); must be > 0.
double effective_ttl(const CacheConfig& config);

// Writes one line to the configured sink, or to stderr with control characters escaped.
void emit_log(const std::function<void(std::string_view)>& sink, std::string_view message);

// Reconnection pacing for a shared store: after a failure, calls fail fast (no network) until a window has
// passed; then a single caller probes the server while the others keep failing fast. The window doubles on
// each consecutive failure so that a dead server is not hammered, and resets on the first success.
class Backoff {
public:
    using Clock = std::chrono::steady_clock;
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max) : initial_(initial), max_(max) {}
    bool allow();      // may this call use the network now?
    bool failed();     // records a failure; true on the healthy → down transition (log it once)
    bool succeeded();  // records a success; true on the down → healthy transition

private:
    static std::int64_t now_ns();
    std::chrono::milliseconds initial_, max_;
    std::atomic<bool> down_{false};
    std::atomic<std::int64_t> retry_at_ns_{0};
    std::atomic<std::int64_t> delay_ns_{0};
};

// hiredis writes with write(2): a connection reset by the server would raise SIGPIPE and kill the process.
// Blocks SIGPIPE in the calling thread for the guard's lifetime and discards one raised meanwhile.
class SigpipeGuard {
public:
    SigpipeGuard();
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    bool active_ = false;  // false when SIGPIPE was already blocked by the caller
    bool was_pending_ = false;
    sigset_t old_{};
};

}  // namespace simpleauth::detail::cache
