// The "argon2" scheme over libargon2: hashes argon2id, verifies argon2id, argon2i and argon2d.
#include "passwords/argon2.hpp"

#include <argon2.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "passwords/scheme_factories.hpp"
#include "tokens/base64.hpp"
#include "tokens/hmac.hpp"

namespace simpleauth::detail {
namespace {

// REQ-PWD-01 (OWASP): m=19 MiB, t=2, p=1. Upstream's fsa:argon2 used m=1000, t=1: still verified.
constexpr std::int64_t kDefaultMemoryKib = 19456;
constexpr std::int64_t kDefaultTimeCost = 2;
constexpr std::int64_t kDefaultParallelism = 1;
constexpr std::int64_t kDefaultHashLen = 32;
constexpr std::int64_t kDefaultSaltLen = 16;

// A stored hash chooses the work its verification costs. These bounds keep a forged or corrupted
// hash from making a check allocate gigabytes or spin for seconds; they cover argon2-cffi's defaults
// (21.1: m=100 MiB, t=2, p=8; 23: m=64 MiB, t=3, p=4) and RFC 9106's second recommendation, and the
// configured parameters are always allowed.
constexpr std::uint32_t kVerifyMaxMemoryKib = 256 * 1024;
constexpr std::uint32_t kVerifyMaxTimeCost = 16;
constexpr std::uint32_t kVerifyMaxParallelism = 64;
constexpr std::size_t kMaxSaltOrDigestBytes = 1024;

std::optional<std::uint32_t> parse_decimal(std::string_view text) {
    if (text.empty() || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    std::uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

// Consumes `prefix` then a decimal number from the front of `text`.
std::optional<std::uint32_t> take_field(std::string_view& text, std::string_view prefix, char terminator) {
    if (!text.starts_with(prefix)) return std::nullopt;
    text.remove_prefix(prefix.size());
    const auto end = text.find(terminator);
    if (end == std::string_view::npos) return std::nullopt;
    auto value = parse_decimal(text.substr(0, end));
    text.remove_prefix(end + 1);
    return value;
}

// PHC strings use standard base64 without padding; the strict decoder wants the padding back.
std::optional<std::string> decode_unpadded(std::string_view text) {
    if (text.empty() || text.size() % 4 == 1 || text.find('=') != std::string_view::npos) return std::nullopt;
    std::string padded(text);
    padded.append((4 - padded.size() % 4) % 4, '=');
    return base64_decode(padded);
}

std::string encode_unpadded(std::string_view bytes) {
    std::string out = base64_encode(bytes);
    while (!out.empty() && out.back() == '=') out.pop_back();
    return out;
}

argon2_type type_of(std::string_view variant) {
    if (variant == "argon2d") return Argon2_d;
    if (variant == "argon2i") return Argon2_i;
    return Argon2_id;
}

class Argon2Scheme final : public PasswordScheme {
public:
    Argon2Scheme(std::uint32_t memory_kib,
                 std::uint32_t time_cost,
                 std::uint32_t parallelism,
                 std::size_t hash_len,
                 std::size_t salt_len)
        : memory_kib_(memory_kib),
          time_cost_(time_cost),
          parallelism_(parallelism),
          hash_len_(hash_len),
          salt_len_(salt_len) {}

    std::string_view name() const noexcept override { return "argon2"; }

    std::string hash(std::string_view password) const override {
        check_password_length(password);
        Argon2Hash h{"argon2id", ARGON2_VERSION_13, memory_kib_, time_cost_, parallelism_, random_bytes(salt_len_), {}};
        h.digest = compute(h, password, hash_len_);
        if (h.digest.empty()) throw std::runtime_error("argon2 hashing failed");
        // The encoding argon2-cffi (libargon2's encode_string) produces, field for field.
        return "$argon2id$v=19$m=" + std::to_string(h.memory_kib) + ",t=" + std::to_string(h.time_cost) +
               ",p=" + std::to_string(h.parallelism) + "$" + encode_unpadded(h.salt) + "$" + encode_unpadded(h.digest);
    }

    bool verify(std::string_view password, std::string_view hash) const noexcept override {
        try {
            if (password.size() > kMaxPasswordBytes) return false;
            const auto h = parse_argon2_hash(hash);
            if (!h || !within_verify_bounds(*h)) return false;
            const std::string computed = compute(*h, password, h->digest.size());
            return !computed.empty() && constant_time_equal(computed, h->digest);
        } catch (...) {
            return false;  // allocation failure must not authenticate
        }
    }

    bool recognizes(std::string_view hash) const noexcept override {
        try {
            return parse_argon2_hash(hash).has_value();
        } catch (...) {
            return false;
        }
    }

    bool weaker_than_configured(std::string_view hash) const noexcept override {
        try {
            const auto h = parse_argon2_hash(hash);
            if (!h) return false;
            return h->variant != "argon2id" || h->version != ARGON2_VERSION_13 || h->memory_kib < memory_kib_ ||
                   h->time_cost < time_cost_ || h->digest.size() < hash_len_ || h->salt.size() < salt_len_;
        } catch (...) {
            return false;
        }
    }

private:
    bool within_verify_bounds(const Argon2Hash& h) const noexcept {
        return h.memory_kib <= std::max(kVerifyMaxMemoryKib, memory_kib_) &&
               h.time_cost <= std::max(kVerifyMaxTimeCost, time_cost_) &&
               h.parallelism <= std::max(kVerifyMaxParallelism, parallelism_) && h.time_cost >= 1 &&
               h.parallelism >= 1 && h.memory_kib >= 8 * h.parallelism && h.salt.size() >= ARGON2_MIN_SALT_LENGTH &&
               h.digest.size() >= ARGON2_MIN_OUTLEN && h.salt.size() <= kMaxSaltOrDigestBytes &&
               h.digest.size() <= kMaxSaltOrDigestBytes;
    }

    // The raw digest, or "" when libargon2 refuses the parameters.
    static std::string compute(const Argon2Hash& h, std::string_view password, std::size_t length) {
        std::string out(length, '\0');
        const int rc = argon2_hash(h.time_cost,
                                   h.memory_kib,
                                   h.parallelism,
                                   password.data(),
                                   password.size(),
                                   h.salt.data(),
                                   h.salt.size(),
                                   out.data(),
                                   out.size(),
                                   nullptr,
                                   0,
                                   type_of(h.variant),
                                   static_cast<argon2_version>(h.version));
        if (rc != ARGON2_OK) {
            OPENSSL_cleanse(out.data(), out.size());
            return {};
        }
        return out;
    }

    std::uint32_t memory_kib_;
    std::uint32_t time_cost_;
    std::uint32_t parallelism_;
    std::size_t hash_len_;
    std::size_t salt_len_;
};

}  // namespace

std::optional<Argon2Hash> parse_argon2_hash(std::string_view text) {
    if (text.size() > 4 * kMaxSaltOrDigestBytes) return std::nullopt;
    Argon2Hash h;
    for (const std::string_view variant : {"argon2id", "argon2i", "argon2d"}) {
        const std::string head = "$" + std::string(variant) + "$";
        if (text.starts_with(head)) {
            h.variant = variant;
            text.remove_prefix(head.size());
            break;
        }
    }
    if (h.variant.empty()) return std::nullopt;
    // Hashes from before Argon2 1.3 carry no version field; libargon2 reads them as 0x10.
    h.version = ARGON2_VERSION_10;
    if (text.starts_with("v=")) {
        const auto version = take_field(text, "v=", '$');
        if (!version || (*version != ARGON2_VERSION_10 && *version != ARGON2_VERSION_13)) return std::nullopt;
        h.version = *version;
    }
    const auto m = take_field(text, "m=", ',');
    const auto t = take_field(text, "t=", ',');
    const auto p = take_field(text, "p=", '$');
    if (!m || !t || !p) return std::nullopt;
    h.memory_kib = *m;
    h.time_cost = *t;
    h.parallelism = *p;
    const auto dollar = text.find('$');
    if (dollar == std::string_view::npos) return std::nullopt;
    auto salt = decode_unpadded(text.substr(0, dollar));
    auto digest = decode_unpadded(text.substr(dollar + 1));
    if (!salt || !digest) return std::nullopt;
    h.salt = std::move(*salt);
    h.digest = std::move(*digest);
    return h;
}

std::unique_ptr<PasswordScheme> make_argon2_scheme(OptionReader& options) {
    const std::vector<std::string_view> prefixes{"argon2"};
    const auto memory = options.get_int(prefixes, {"memory_cost"}, kDefaultMemoryKib, 8, 4 * 1024 * 1024);
    const auto time = options.get_int(prefixes, {"time_cost"}, kDefaultTimeCost, 1, 1024);
    const auto lanes = options.get_int(prefixes, {"parallelism"}, kDefaultParallelism, 1, 64);
    const auto hash_len = options.get_int(prefixes, {"hash_len", "digest_size"}, kDefaultHashLen, 16, 1024);
    const auto salt_len = options.get_int(prefixes, {"salt_len", "salt_size"}, kDefaultSaltLen, 8, 1024);
    if (memory < 8 * lanes)
        throw std::invalid_argument("password option memory_cost must be at least 8 KiB per parallelism lane");
    return std::make_unique<Argon2Scheme>(static_cast<std::uint32_t>(memory),
                                          static_cast<std::uint32_t>(time),
                                          static_cast<std::uint32_t>(lanes),
                                          static_cast<std::size_t>(hash_len),
                                          static_cast<std::size_t>(salt_len));
}

}  // namespace simpleauth::detail
