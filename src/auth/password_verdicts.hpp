#pragma once
// FSA_PASSWORD_CACHE_TTL (a SimpleAuth addition, off by default as upstream): a bounded in-process table
// of recent SUCCESSFUL password verifications, so that a client sending the same basic credentials on
// every request pays one slow hash per TTL instead of one per request.
//
// No password is kept: an entry is the HMAC-SHA256, under a random key drawn once per table (one per
// App, never written anywhere), of (login, password, stored hash), mapped to its expiry. The stored hash
// in the key means that once the hash changes (a new password, then password_uncache), the old password
// no longer finds its verdict. The table is in process only: with a per-process key it would mean
// nothing to another process, and a shared store would put the digests within reach of more people.

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tokens/hmac.hpp"

namespace simpleauth::detail {

class PasswordVerdicts {
public:
    using Digest = std::array<unsigned char, 32>;
    using TimePoint = std::chrono::steady_clock::time_point;
    using Clock = std::function<TimePoint()>;  // injectable for the tests of expiry

    // ttl > 0, capacity > 0 (checked by the settings); throws std::runtime_error if RAND_bytes fails
    PasswordVerdicts(std::chrono::seconds ttl, std::size_t capacity, Clock clock = {});
    PasswordVerdicts(const PasswordVerdicts&) = delete;
    PasswordVerdicts& operator=(const PasswordVerdicts&) = delete;

    // the key of a check: HMAC of the length-prefixed parts, so that no split of the text is ambiguous
    Digest digest(std::string_view login, std::string_view password, std::string_view hash) const;
    // whether an unexpired success is recorded under this digest (an expired one is dropped)
    bool holds(const Digest& digest);
    // records a success, valid for the ttl from now
    void remember(const Digest& digest, std::string_view login);
    // drops the verdicts of one login (password_uncache): whether there were some
    bool forget(std::string_view login);
    void clear();
    std::size_t size() const;

private:
    // The digests are HMAC outputs under a key the client never sees: they are uniformly distributed
    // (their first bytes make a good hash, no flooding possible) and a lookup's timing tells nothing
    // about a password, since the client cannot choose or learn the digest it makes us look up. So they
    // are plain hash-table keys, compared with ==, not secrets compared in constant time.
    struct DigestHash {
        std::size_t operator()(const Digest& d) const noexcept;
    };
    struct Entry {
        TimePoint expiry;
        std::string login;  // for forget(); logins are in the hook cache anyway, not secrets
    };
    void make_room(TimePoint now);

    HmacSha256 mac_;  // under 32 random bytes drawn at construction and not kept: only its derived states
    std::chrono::seconds ttl_;
    std::size_t capacity_;
    Clock clock_;
    mutable std::mutex mutex_;
    std::unordered_map<Digest, Entry, DigestHash> entries_;
};

}  // namespace simpleauth::detail
