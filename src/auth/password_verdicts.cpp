#include "auth/password_verdicts.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <initializer_list>

#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {
constexpr std::size_t kKeyBytes = 32;

// The table's key: random bytes that wipe themselves when they go, at the end of the member initializer
// that derives the HMAC states from them (the states are all the table keeps)
struct RandomKey {
    std::string bytes = random_bytes(kKeyBytes);
    RandomKey() = default;
    RandomKey(const RandomKey&) = delete;
    RandomKey& operator=(const RandomKey&) = delete;
    ~RandomKey() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

constexpr std::size_t kLengthDigits = 20;  // of a 64-bit size

// "<len>:<part>" for each part: unambiguous whatever the parts contain (a login may hold ':')
void append_part(std::string& out, std::string_view part) {
    char digits[kLengthDigits];
    auto end = std::to_chars(digits, digits + sizeof digits, part.size()).ptr;
    out.append(digits, end);
    out += ':';
    out += part;
}
}  // namespace

std::size_t PasswordVerdicts::DigestHash::operator()(const Digest& d) const noexcept {
    std::size_t h = 0;
    std::memcpy(&h, d.data(), sizeof h);
    return h;
}

PasswordVerdicts::PasswordVerdicts(std::chrono::seconds ttl, std::size_t capacity, Clock clock)
    : mac_(RandomKey().bytes),
      ttl_(ttl),
      capacity_(std::max<std::size_t>(capacity, 1)),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })) {}

PasswordVerdicts::Digest PasswordVerdicts::digest(std::string_view login,
                                                  std::string_view password,
                                                  std::string_view hash) const {
    std::string message;
    message.reserve(login.size() + password.size() + hash.size() + 3 * (kLengthDigits + 1));
    append_part(message, login);
    append_part(message, password);
    append_part(message, hash);
    Digest d = mac_.mac(message);
    OPENSSL_cleanse(message.data(), message.size());  // it held the password
    return d;
}

bool PasswordVerdicts::holds(const Digest& digest) {
    TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    auto it = entries_.find(digest);
    if (it == entries_.end()) {
        return false;
    }
    if (it->second.expiry <= now) {
        entries_.erase(it);
        return false;
    }
    return true;
}

void PasswordVerdicts::remember(const Digest& digest, std::string_view login) {
    TimePoint now = clock_();
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(digest)) {
        make_room(now);
    }
    entries_.insert_or_assign(digest, Entry{now + ttl_, std::string(login)});
}

// When full: drop the expired entries; if that frees less than a quarter of the table, drop everything.
// Only successful checks get in, so a client without passwords cannot fill the table; a full table means
// more live (login, password) pairs than the bound within a ttl, and clearing costs each of them one more
// verification. That is cheaper and simpler than keeping an LRU order up to date under the lock on every
// hit, and the quarter keeps the O(n) sweeps rare (amortized O(1) per insertion).
void PasswordVerdicts::make_room(TimePoint now) {
    std::erase_if(entries_, [now](const auto& item) { return item.second.expiry <= now; });
    if (entries_.size() >= capacity_ || entries_.size() > capacity_ - capacity_ / 4) {
        entries_.clear();
    }
}

// A scan of the table: password_uncache is rare (a password change), and an index login -> digests would
// have to be kept in step on every insertion, expiry and eviction.
bool PasswordVerdicts::forget(std::string_view login) {
    std::lock_guard lock(mutex_);
    return std::erase_if(entries_, [login](const auto& item) { return item.second.login == login; }) > 0;
}

void PasswordVerdicts::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

std::size_t PasswordVerdicts::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace simpleauth::detail
