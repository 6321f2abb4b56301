#include "core/auth_cache.hpp"

#include <array>
#include <charconv>
#include <initializer_list>

#include "auth/password_verdicts.hpp"
#include "cache/cache_store.hpp"

namespace simpleauth::detail {

namespace {

// "<kind><len>:<part><len>:<part>..." — unambiguous whatever the parts contain. Built for every cached
// check of every request: one allocation, the lengths written in place.
std::string key(std::string_view kind, std::initializer_list<std::string_view> parts) {
    constexpr std::size_t max_length_digits = 20;
    std::size_t size = kind.size();
    for (std::string_view p : parts) {
        size += max_length_digits + 1 + p.size();
    }
    std::string k;
    k.reserve(size);
    k += kind;
    for (std::string_view p : parts) {
        char digits[max_length_digits];
        auto end = std::to_chars(digits, digits + sizeof digits, p.size()).ptr;
        k.append(digits, end);
        k += ':';
        k += p;
    }
    return k;
}

// A "u." entry, "S<hash>" or "N" for "no such user" (cached too, as upstream): the hook's answer it
// holds, the hash or nullopt; nullopt outside for an entry that is neither (read as a miss)
std::optional<std::optional<std::string>> read_user_pass(std::string_view entry) {
    if (entry.empty() || (entry.front() != 'N' && entry.front() != 'S')) {
        return std::nullopt;
    }
    return entry.front() == 'N' ? std::optional<std::string>() : std::optional<std::string>(entry.substr(1));
}

// optional claims as parts: "" when absent, else "=" + the value ("" and "=" differ)
std::string optional_part(const std::optional<std::string>& value) {
    return value ? "=" + *value : std::string();
}
std::string optional_part(const std::optional<std::int64_t>& value) {
    return value ? "=" + std::to_string(*value) : std::string();
}

std::string encode_token_info(const TokenInfo& info) {
    std::string scopes;
    for (const auto& s : info.scopes) {
        scopes += (scopes.empty() ? "" : " ") + s;
    }
    return key("",
               {std::to_string(info.expiry),
                info.user,
                scopes,
                optional_part(info.issuer),
                optional_part(info.issued_at),
                optional_part(info.auth_time),
                optional_part(info.id)});
}

bool parse_int(std::string_view text, std::int64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// the reverse of optional_part; false for a malformed part
bool read_optional(std::string_view part, std::optional<std::string>& out) {
    if (!part.empty()) {
        out = std::string(part.substr(1));
    }
    return part.empty() || part.front() == '=';
}
bool read_optional(std::string_view part, std::optional<std::int64_t>& out) {
    std::int64_t n = 0;
    if (part.empty()) {
        return true;
    }
    if (part.front() != '=' || !parse_int(part.substr(1), n)) {
        return false;
    }
    out = n;
    return true;
}

// reads back exactly N "<len>:<part>" parts, as views into text (a token cache hit copies nothing)
template <std::size_t N>
std::optional<std::array<std::string_view, N>> decode_parts(std::string_view text) {
    std::array<std::string_view, N> parts;
    for (auto& part : parts) {
        std::size_t colon = text.find(':');
        std::size_t n = 0;
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        auto [end, ec] = std::from_chars(text.data(), text.data() + colon, n);
        if (ec != std::errc() || end != text.data() + colon || text.size() - colon - 1 < n) {
            return std::nullopt;
        }
        part = text.substr(colon + 1, n);
        text.remove_prefix(colon + 1 + n);
    }
    if (!text.empty()) {
        return std::nullopt;
    }
    return parts;
}

}  // namespace

AuthCache::AuthCache(std::unique_ptr<CacheStore> store, std::unique_ptr<PasswordVerdicts> verdicts)
    : store_(std::move(store)), verdicts_(std::move(verdicts)) {}
AuthCache::~AuthCache() = default;

std::string AuthCache::id_key(const std::vector<std::string>& ids) {
    std::string k;
    for (const auto& id : ids) {
        k += std::to_string(id.size()) + ":" + id;
    }
    return k;
}

std::optional<std::string> AuthCache::user_pass(
    std::string_view login, const std::function<std::optional<std::string>(std::string_view)>& hook) {
    if (!store_) {
        return hook(login);
    }
    std::string k = key("u.", {login});
    if (auto hit = store_->get(k)) {
        if (auto answer = read_user_pass(*hit)) {
            return *answer;
        }
    }
    auto value = hook(login);
    store_->set(k, value ? "S" + *value : std::string("N"));
    return value;
}

std::optional<std::string> AuthCache::cached_user_pass(std::string_view login) const {
    if (!store_ || !store_->in_process()) {
        return std::nullopt;
    }
    auto hit = store_->get(key("u.", {login}));
    auto answer = hit ? read_user_pass(*hit) : std::nullopt;
    return answer ? *answer : std::nullopt;
}

bool AuthCache::group_check(std::string_view group,
                            std::string_view login,
                            const std::function<bool(std::string_view)>& hook) {
    if (!store_) {
        return hook(login);
    }
    std::string k = key("c.", {login, group});
    if (auto hit = store_->get(k); hit && (*hit == "1" || *hit == "0")) {
        return *hit == "1";
    }
    bool value = hook(login);
    store_->set(k, value ? "1" : "0");
    return value;
}

bool AuthCache::user_in_group(std::string_view login,
                              std::string_view group,
                              const std::function<bool(std::string_view, std::string_view)>& hook) {
    if (!store_) {
        return hook(login, group);
    }
    std::string k = key("g.", {login, group});
    if (auto hit = store_->get(k); hit && (*hit == "1" || *hit == "0")) {
        return *hit == "1";
    }
    bool value = hook(login, group);
    store_->set(k, value ? "1" : "0");
    return value;
}

std::optional<bool> AuthCache::object_perm(std::string_view domain,
                                           std::string_view login,
                                           const std::optional<std::string>& ids,
                                           std::string_view mode,
                                           const std::function<std::optional<bool>()>& hook) {
    if (!store_ || !ids) {
        return hook();
    }
    std::string k = key("p.", {domain, login, *ids, mode});
    if (auto hit = store_->get(k); hit && (*hit == "1" || *hit == "0" || *hit == "N")) {
        return *hit == "N" ? std::nullopt : std::optional<bool>(*hit == "1");
    }
    auto value = hook();
    store_->set(k, !value ? "N" : (*value ? "1" : "0"));
    return value;
}

std::optional<TokenInfo> AuthCache::token(std::string_view token, std::string_view realm) {
    if (!store_) {
        return std::nullopt;
    }
    auto hit = store_->get(key("t.", {realm, token}));
    if (!hit) {
        return std::nullopt;
    }
    auto parts = decode_parts<7>(*hit);
    TokenInfo info;
    if (!parts || !parse_int((*parts)[0], info.expiry) || !read_optional((*parts)[3], info.issuer) ||
        !read_optional((*parts)[4], info.issued_at) || !read_optional((*parts)[5], info.auth_time) ||
        !read_optional((*parts)[6], info.id)) {
        return std::nullopt;
    }
    info.user = (*parts)[1];
    std::string_view scopes = (*parts)[2];
    while (!scopes.empty()) {
        std::size_t space = scopes.find(' ');
        info.scopes.emplace_back(scopes.substr(0, space));
        scopes = space == std::string_view::npos ? std::string_view{} : scopes.substr(space + 1);
    }
    return info;
}

void AuthCache::remember_token(std::string_view token, std::string_view realm, const TokenInfo& info) {
    if (!store_) {
        return;
    }
    store_->set(key("t.", {realm, token}), encode_token_info(info));
    store_->set(key("T.", {info.user, realm}), std::string(token));  // for user_token_uncache
}

bool AuthCache::password_uncache(std::string_view login) {
    bool verdicts = verdicts_ && verdicts_->forget(login);
    bool hash = store_ && store_->remove(key("u.", {login}));
    return hash || verdicts;
}

bool AuthCache::group_uncache(std::string_view login, std::string_view group) {
    if (!store_) {
        return false;
    }
    bool c = store_->remove(key("c.", {login, group}));
    bool g = store_->remove(key("g.", {login, group}));
    return c || g;
}

bool AuthCache::object_perms_uncache(std::string_view domain,
                                     std::string_view login,
                                     std::string_view ids,
                                     std::string_view mode) {
    return store_ && store_->remove(key("p.", {domain, login, ids, mode}));
}

bool AuthCache::token_uncache(std::string_view token, std::string_view realm) {
    return store_ && store_->remove(key("t.", {realm, token}));
}

bool AuthCache::user_token_uncache(std::string_view user, std::string_view realm) {
    if (!store_) {
        return false;
    }
    auto token = store_->get(key("T.", {user, realm}));
    store_->remove(key("T.", {user, realm}));
    return token && store_->remove(key("t.", {realm, *token}));
}

void AuthCache::clear() {
    if (store_) {
        store_->clear();
    }
    if (verdicts_) {
        verdicts_->clear();
    }
}

}  // namespace simpleauth::detail
