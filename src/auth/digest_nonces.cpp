// Server nonces for HTTP Digest: authenticated by an HMAC so that validation needs no state, plus a bounded
// table of used nonces for nonce-count replay protection.
//
// A nonce is base64url(issued[8] | sequence[8] | random[8] | HMAC-SHA256(key, the 24 bytes before)[32]).
// The sequence number (per instance, strictly increasing) orders nonces by issue, which makes forgetting safe:
// the table drops the lowest sequence numbers first and remembers the highest one it dropped, so a nonce that
// is absent from the table is either new (above that mark) or possibly used before (at or below it: refused as
// stale). issue() thus never touches the table, and a flood of challenges cannot evict nonces in use.

#include <limits>
#include <stdexcept>

#include "auth/digest_protocol.hpp"
#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {

namespace {

constexpr std::size_t payload_size = 24;
constexpr std::size_t mac_size = 32;
constexpr std::size_t nonce_bytes = payload_size + mac_size;
constexpr std::size_t nonce_chars = (nonce_bytes * 4 + 2) / 3;  // unpadded base64url

void put_u64(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((v >> shift) & 0xff));
    }
}

std::uint64_t get_u64(std::string_view in) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        v = (v << 8) | static_cast<unsigned char>(in[i]);
    }
    return v;
}

std::optional<std::uint32_t> parse_nc(std::string_view nc) {
    if (nc.size() != 8) {
        return std::nullopt;
    }
    std::uint32_t v = 0;
    for (char c : nc) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        v = (v << 4) | static_cast<std::uint32_t>(d);
    }
    return v;
}

// now - issued >= lifetime for issued <= now, without signed overflow for any pair of values
bool too_old(std::int64_t issued, std::int64_t now, std::int64_t lifetime) {
    return static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(issued) >= static_cast<std::uint64_t>(lifetime);
}

}  // namespace

DigestNonces::DigestNonces(std::int64_t lifetime_seconds, std::size_t max_tracked)
    : lifetime_(lifetime_seconds),
      max_tracked_(max_tracked),
      key_(random_bytes(32)),
      opaque_(base64url_encode(random_bytes(16))) {
    if (lifetime_seconds <= 0 || max_tracked == 0) {
        throw std::invalid_argument("DigestNonces: lifetime and max_tracked must be positive");
    }
}

std::string DigestNonces::issue(std::int64_t now) {
    std::string payload;
    payload.reserve(nonce_bytes);
    put_u64(payload, static_cast<std::uint64_t>(now));
    put_u64(payload, next_sequence_.fetch_add(1, std::memory_order_relaxed));
    payload += random_bytes(8);  // unpredictable nonces, so that clients cannot precompute anything
    payload += hmac("SHA256", key_, payload);
    return base64url_encode(payload);
}

DigestNonces::Parsed DigestNonces::parse(std::string_view nonce, std::string_view nc_hex, std::int64_t now) const {
    if (nonce.size() != nonce_chars) {  // before decoding: junk of any size costs nothing
        return {Check::invalid};
    }
    auto raw = base64url_decode(nonce);
    if (!raw || raw->size() != nonce_bytes) {
        return {Check::invalid};
    }
    std::string_view bytes(*raw);
    if (!constant_time_equal(hmac("SHA256", key_, bytes.substr(0, payload_size)), bytes.substr(payload_size))) {
        return {Check::invalid};
    }
    auto nc = parse_nc(nc_hex);
    if (!nc || *nc == 0) {  // counts start at 00000001 (RFC 7616 §3.4)
        return {Check::invalid};
    }
    auto issued = static_cast<std::int64_t>(get_u64(bytes.substr(0, 8)));
    // A nonce from the future is ours (the MAC says so) but the clock went back: have the client take a new one
    // rather than extend this one's life.
    if (issued > now || too_old(issued, now, lifetime_)) {
        return {Check::stale};
    }
    return {Check::ok, issued, get_u64(bytes.substr(8, 8)), *nc};
}

DigestNonces::Check DigestNonces::check(std::string_view nonce, std::string_view nc_hex, std::int64_t now) const {
    Parsed p = parse(nonce, nc_hex, now);
    if (p.check != Check::ok) {
        return p.check;
    }
    std::lock_guard lock(mutex_);
    auto it = seen_.find(p.sequence);
    if (it != seen_.end()) {
        return p.nc <= it->second.last_nc ? Check::replayed : Check::ok;
    }
    return p.sequence <= forgotten_up_to_ ? Check::stale : Check::ok;
}

DigestNonces::Check DigestNonces::use(std::string_view nonce, std::string_view nc_hex, std::int64_t now) {
    Parsed p = parse(nonce, nc_hex, now);
    if (p.check != Check::ok) {
        return p.check;
    }
    std::lock_guard lock(mutex_);
    // Expired nonces at the front are dead weight; forgetting them also bumps the mark, so a caller whose clock
    // goes back cannot revive them. One issued after `now` is kept: another thread may simply have read the clock
    // a moment later than this one.
    while (!seen_.empty() && seen_.begin()->second.issued <= now &&
           too_old(seen_.begin()->second.issued, now, lifetime_)) {
        forget_front_locked();
    }
    auto it = seen_.find(p.sequence);
    if (it != seen_.end()) {
        if (p.nc <= it->second.last_nc) {
            return Check::replayed;
        }
        it->second.last_nc = p.nc;
        return Check::ok;
    }
    if (p.sequence <= forgotten_up_to_) {
        return Check::stale;
    }
    seen_.emplace(p.sequence, Seen{p.issued, p.nc});
    while (seen_.size() > max_tracked_) {
        forget_front_locked();
    }
    return Check::ok;
}

void DigestNonces::forget_front_locked() {
    auto front = seen_.begin();
    if (front->first > forgotten_up_to_) {
        forgotten_up_to_ = front->first;
    }
    seen_.erase(front);
}

std::size_t DigestNonces::tracked() const {
    std::lock_guard lock(mutex_);
    return seen_.size();
}

}  // namespace simpleauth::detail
