#pragma once
// Brute-force throttling of password logins (REQ-AUTHN-04, ASVS 6.3.1): failed password checks are counted
// per account (from any client) and per client address (for any account) in fixed windows of wall-clock
// time. Past a limit, every password attempt of that account or from that address, a right one included,
// is answered 429 with Retry-After until the window ends: no oracle, and no permanent lockout. Only failures
// count; an unknown login counts like a known one, so the answers do not tell whether a user exists.
//
// The counters live in a cache store: an in-process one, or the redis/memcached store of FSA_CACHE so that
// every process behind a proxy sees the same counts (the window index is in the key, so processes agree
// without sharing a clock source other than the system's). While the shared store is unreachable the counts
// go to an in-process fallback: the limits still hold in each process (only their sharing is lost), and the
// users are not locked out by an outage. With no store able to count, password logins fail closed: 503.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "simpleauth/config/config.hpp"

namespace simpleauth::detail {

class CacheStore;

// FSA_THROTTLE_OPTS; a limit of 0 disables that key (e.g. `address = 0` behind a reverse proxy, where every
// request comes from the proxy's address).
struct ThrottleLimits {
    long long account = 10;  // failures per login per window
    long long address = 50;  // failures per client address per window
    long long window = 300;  // seconds
};

// Throws ConfigError naming the option that is unknown, not an integer, or out of range.
ThrottleLimits parse_throttle_options(const ConfigTable& options);

class Throttle {
public:
    using Now = std::function<std::int64_t()>;  // seconds since the epoch; the system clock when empty

    // fallback: where counts go while `store` cannot count (nullptr: none, then 503)
    Throttle(ThrottleLimits limits,
             std::unique_ptr<CacheStore> store,
             std::unique_ptr<CacheStore> fallback = nullptr,
             Now now = {});
    ~Throttle();
    Throttle(const Throttle&) = delete;
    Throttle& operator=(const Throttle&) = delete;

    // Before checking a password: throws ErrorResponse 429 with Retry-After (seconds to the window's end)
    // when the login or the address is over its limit, 503 when the store cannot count.
    void check(std::string_view login, std::string_view address);
    // After a wrong password (or an unknown login).
    void failed(std::string_view login, std::string_view address);

    const ThrottleLimits& limits() const noexcept { return limits_; }

private:
    std::int64_t now() const;
    std::string key(char kind, std::int64_t window_index, std::string_view name) const;
    std::optional<std::uint64_t> add(const std::string& key, std::uint64_t delta);

    ThrottleLimits limits_;
    std::unique_ptr<CacheStore> store_, fallback_;
    Now now_;
};

}  // namespace simpleauth::detail
