// FSA_CACHE: the store built at start-up, and the uncache API.

#include <chrono>

#include "auth/password_verdicts.hpp"
#include "cache/cache_store.hpp"
#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/log.hpp"
#include "core/throttle.hpp"

namespace simpleauth {

namespace detail {

namespace {
CacheConfig cache_config(const Settings& s) {
    CacheConfig config;
    config.kind = s.cache;
    config.size = static_cast<std::size_t>(s.cache_size);
    config.options = std::map<std::string, std::string>(s.cache_options.begin(), s.cache_options.end());
    if (auto ttl = config.options.find("ttl"); ttl != config.options.end()) {
        try {
            config.ttl = std::stod(ttl->second);
        } catch (const std::exception&) {
            throw ConfigError("FSA_CACHE_OPTS: ttl must be a number of seconds");
        }
    }
    config.prefix = s.cache_prefix;
    config.log = [](std::string_view line) { log(LogLevel::warning, line); };
    return config;
}

// FSA_PASSWORD_CACHE_TTL: in process whatever FSA_CACHE is (see auth/password_verdicts.hpp), its own
// random key drawn here, once per App
std::unique_ptr<PasswordVerdicts> make_password_verdicts(const Settings& s) {
    if (s.password_cache_ttl <= 0) {
        return nullptr;
    }
    return std::make_unique<PasswordVerdicts>(std::chrono::seconds(s.password_cache_ttl),
                                              static_cast<std::size_t>(s.password_cache_size));
}
}  // namespace

std::unique_ptr<AuthCache> make_auth_cache(const Settings& s) {
    CacheConfig config = cache_config(s);
    if (config.kind == "none") {
        return std::make_unique<AuthCache>(nullptr, make_password_verdicts(s));
    }
    try {
        return std::make_unique<AuthCache>(make_cache_store(config), make_password_verdicts(s));
    } catch (const std::invalid_argument& e) {
        throw ConfigError(std::string("FSA_CACHE / FSA_CACHE_OPTS: ") + e.what());
    }
}

// The throttle's counters go to the shared store when there is one, so that every process counts every
// failure, with an in-process table while it is unreachable; otherwise to an in-process ttl table of their
// own, whatever kind caches the hooks (an lru or `none` cache would forget or never keep them).
std::unique_ptr<Throttle> make_throttle(const Settings& s) {
    if (!s.throttle) {
        return nullptr;
    }
    CacheConfig shared = cache_config(s);
    CacheConfig local;
    local.kind = "ttl";
    local.size = shared.size;
    local.ttl = static_cast<double>(s.throttle_limits.window + 1);
    try {
        if (shared.kind == "redis" || shared.kind == "memcached" || shared.kind == "pymemcache") {
            return std::make_unique<Throttle>(s.throttle_limits, make_cache_store(shared), make_cache_store(local));
        }
        return std::make_unique<Throttle>(s.throttle_limits, make_cache_store(local));
    } catch (const std::invalid_argument& e) {
        throw ConfigError(std::string("FSA_CACHE / FSA_CACHE_OPTS: ") + e.what());
    }
}

}  // namespace detail

void App::clear_caches() {
    check();
    state_->cache->clear();
}

bool App::password_uncache(std::string_view login) {
    check();
    return state_->cache->password_uncache(login);
}

bool App::group_uncache(std::string_view login, std::string_view group) {
    check();
    return state_->cache->group_uncache(login, group);
}

bool App::token_uncache(std::string_view token, std::optional<std::string_view> realm) {
    check();
    return state_->cache->token_uncache(token, realm ? *realm : std::string_view(state_->settings.token_realm));
}

bool App::user_token_uncache(std::string_view login, std::optional<std::string_view> realm) {
    check();
    return state_->cache->user_token_uncache(login, realm ? *realm : std::string_view(state_->settings.token_realm));
}

bool App::object_perms_uncache(std::string_view domain,
                               std::string_view login,
                               const std::vector<std::string>& ids,
                               std::string_view mode) {
    check();
    return state_->cache->object_perms_uncache(domain, login, detail::AuthCache::id_key(ids), mode);
}

bool App::auth_uncache(std::string_view login) {
    check();
    bool removed = state_->cache->password_uncache(login);
    for (const auto& [group, hook] : state_->group_checks) {
        removed = state_->cache->group_uncache(login, group) || removed;
    }
    for (const auto& route : state_->routes) {
        for (const auto& group : route.authz.groups) {
            removed = state_->cache->group_uncache(login, group) || removed;
        }
    }
    removed = state_->cache->user_token_uncache(login, state_->settings.token_realm) || removed;
    return removed;
}

}  // namespace simpleauth
