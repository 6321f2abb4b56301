#include "core/throttle.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "cache/cache_store.hpp"
#include "cache/cache_support.hpp"
#include "core/log.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

ThrottleLimits parse_throttle_options(const ConfigTable& options) {
    ThrottleLimits limits;
    for (const auto& [name, text] : options) {
        long long* field = name == "account"   ? &limits.account
                           : name == "address" ? &limits.address
                           : name == "window"  ? &limits.window
                                               : nullptr;
        if (field == nullptr) {
            throw ConfigError("FSA_THROTTLE_OPTS: unexpected option " + name + " (account, address, window)");
        }
        // a day bounds the window; a million failures is no limit worth having
        long long max = field == &limits.window ? 86400 : 1000000;
        long long min = field == &limits.window ? 1 : 0;
        try {
            *field = cache::parse_int(text, "FSA_THROTTLE_OPTS " + name, min, max);
        } catch (const std::invalid_argument& e) {
            throw ConfigError(e.what());
        }
    }
    if (limits.account == 0 && limits.address == 0) {
        throw ConfigError("FSA_THROTTLE_OPTS: account and address are both 0: set FSA_THROTTLE = false instead");
    }
    return limits;
}

Throttle::Throttle(ThrottleLimits limits,
                   std::unique_ptr<CacheStore> store,
                   std::unique_ptr<CacheStore> fallback,
                   Now now)
    : limits_(limits), store_(std::move(store)), fallback_(std::move(fallback)), now_(std::move(now)) {}

Throttle::~Throttle() = default;

std::int64_t Throttle::now() const {
    if (now_) {
        return now_();
    }
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// "u" and "c" keep logins and addresses apart; the window index ends before the name, which may hold anything.
std::string Throttle::key(char kind, std::int64_t window_index, std::string_view name) const {
    std::string k = "throttle.";
    k += kind;
    k += '.';
    k += std::to_string(window_index);
    k += '.';
    k += name;
    return k;
}

std::optional<std::uint64_t> Throttle::add(const std::string& key, std::uint64_t delta) {
    std::chrono::seconds lifetime(limits_.window + 1);
    std::optional<std::uint64_t> count = store_->increment(key, delta, lifetime);
    if (!count && fallback_) {
        count = fallback_->increment(key, delta, lifetime);
    }
    return count;
}

void Throttle::check(std::string_view login, std::string_view address) {
    std::int64_t t = now();
    std::int64_t index = t / limits_.window;
    bool over = false;
    for (auto [kind, name, limit] :
         {std::tuple{'u', login, limits_.account}, std::tuple{'c', address, limits_.address}}) {
        if (limit == 0) {
            continue;
        }
        // adding 0 reads the counter; an unreachable store must not read as "no failures"
        std::optional<std::uint64_t> count = add(key(kind, index, name), 0);
        if (!count) {
            http::Headers headers;
            headers.add("Retry-After", "1");
            throw ErrorResponse("password logins are unavailable", 503, std::move(headers));
        }
        over = over || *count >= static_cast<std::uint64_t>(limit);
    }
    if (over) {
        http::Headers headers;
        headers.add("Retry-After", std::to_string((index + 1) * limits_.window - t));
        throw ErrorResponse("too many failed logins, retry later", 429, std::move(headers));
    }
}

void Throttle::failed(std::string_view login, std::string_view address) {
    std::int64_t index = now() / limits_.window;
    if (limits_.account > 0) {
        (void)add(key('u', index, login), 1);
    }
    if (limits_.address > 0) {
        auto count = add(key('c', index, address), 1);
        // once per window and address; never the login, which may be a password typed in the wrong field
        if (count && *count == static_cast<std::uint64_t>(limits_.address)) {
            log(LogLevel::warning,
                "password logins from " + std::string(address) + " throttled: " + std::to_string(limits_.address) +
                    " failures in " + std::to_string(limits_.window) + " s");
        }
    }
}

}  // namespace simpleauth::detail
