#include "cache/cache_support.hpp"

#include <pthread.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace simpleauth::detail::cache {

void check_options(const CacheConfig& config, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : config.options) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw std::invalid_argument("unexpected FSA_CACHE_OPTS option for " + config.kind + ": " + name);
        }
    }
}

long long int_option(
    const CacheConfig& config, const std::string& name, long long fallback, long long min, long long max) {
    auto it = config.options.find(name);
    if (it == config.options.end()) {
        return fallback;
    }
    return parse_int(it->second, "FSA_CACHE_OPTS " + name, min, max);
}

long long parse_int(std::string_view text, std::string_view what, long long min, long long max) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
        throw std::invalid_argument(std::string(what) + " must be an integer in [" + std::to_string(min) + ", " +
                                    std::to_string(max) + "]");
    }
    return value;
}

std::string text_option(const CacheConfig& config, const std::string& name, std::string fallback) {
    auto it = config.options.find(name);
    return it == config.options.end() ? std::move(fallback) : it->second;
}

double effective_ttl(const CacheConfig& config) {
    double ttl = config.ttl;
    if (auto it = config.options.find("ttl"); it != config.options.end()) {
        const std::string& text = it->second;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ttl);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            throw std::invalid_argument("FSA_CACHE_OPTS ttl must be a number of seconds");
        }
    }
    // Ten years bounds the conversions to clock durations and to the servers' expiry fields.
    if (!std::isfinite(ttl) || ttl <= 0 || ttl > 315576000.0) {
        throw std::invalid_argument("cache ttl must be a positive number of seconds");
    }
    return ttl;
}

void emit_log(const std::function<void(std::string_view)>& sink, std::string_view message) {
    if (sink) {
        sink(message);
        return;
    }
    std::string line = "simpleauth cache: ";
    for (char c : message) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            line += buf;
        } else {
            line += c;
        }
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

std::int64_t Backoff::now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

bool Backoff::allow() {
    if (!down_.load(std::memory_order_acquire)) {
        return true;
    }
    std::int64_t retry_at = retry_at_ns_.load(std::memory_order_acquire);
    std::int64_t now = now_ns();
    if (now < retry_at) {
        return false;
    }
    // Only the caller that moves the window forward probes; concurrent ones keep failing fast.
    return retry_at_ns_.compare_exchange_strong(retry_at, now + delay_ns_.load(std::memory_order_relaxed));
}

bool Backoff::failed() {
    std::int64_t delay = delay_ns_.load(std::memory_order_relaxed);
    std::int64_t first = std::chrono::duration_cast<std::chrono::nanoseconds>(initial_).count();
    std::int64_t cap = std::chrono::duration_cast<std::chrono::nanoseconds>(max_).count();
    bool transition = !down_.exchange(true, std::memory_order_acq_rel);
    delay = transition || delay == 0 ? first : std::min(delay * 2, cap);
    delay_ns_.store(delay, std::memory_order_relaxed);
    retry_at_ns_.store(now_ns() + delay, std::memory_order_release);
    return transition;
}

bool Backoff::succeeded() {
    if (!down_.load(std::memory_order_acquire)) {
        return false;
    }
    delay_ns_.store(0, std::memory_order_relaxed);
    return down_.exchange(false, std::memory_order_acq_rel);
}

SigpipeGuard::SigpipeGuard() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    if (pthread_sigmask(SIG_BLOCK, &pipe, &old_) != 0 || sigismember(&old_, SIGPIPE)) {
        return;
    }
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    active_ = true;
}

SigpipeGuard::~SigpipeGuard() {
    if (!active_) {
        return;
    }
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
        // Consume the SIGPIPE our write raised before unblocking, so that it is never delivered.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        const timespec zero{};
        int saved = errno;
        while (sigtimedwait(&pipe, nullptr, &zero) == -1 && errno == EINTR) {
        }
        errno = saved;
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

}  // namespace simpleauth::detail::cache
