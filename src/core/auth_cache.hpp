#pragma once
// The cache around every expensive authentication hook (upstream §6): password hash lookups ("u.", the
// "no such user" answer included), group checks ("c.", "g."), object permissions ("p."), token checks
// ("t.", the expiry checked again on every hit) and the last token of each user ("T."). Passwords
// themselves are never cached. Keys are length-prefixed parts, so that no login can forge another's key.
// With FSA_PASSWORD_CACHE_TTL it also holds the in-process table of successful password verifications
// (auth/password_verdicts.hpp, digests only), so that the uncache API and clear() reach it too.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/tokens.hpp"

namespace simpleauth::detail {

class CacheStore;
class PasswordVerdicts;

class AuthCache {
public:
    // store nullptr: no caching of the hooks; verdicts nullptr: no caching of password verifications
    explicit AuthCache(std::unique_ptr<CacheStore> store, std::unique_ptr<PasswordVerdicts> verdicts = nullptr);
    ~AuthCache();

    std::optional<std::string> user_pass(std::string_view login,
                                         const std::function<std::optional<std::string>(std::string_view)>& hook);
    bool group_check(std::string_view group, std::string_view login, const std::function<bool(std::string_view)>& hook);
    bool user_in_group(std::string_view login,
                       std::string_view group,
                       const std::function<bool(std::string_view, std::string_view)>& hook);
    // ids: the identifiers as a key, nullopt when they cannot be cached
    std::optional<bool> object_perm(std::string_view domain,
                                    std::string_view login,
                                    const std::optional<std::string>& ids,
                                    std::string_view mode,
                                    const std::function<std::optional<bool>()>& hook);
    std::optional<TokenInfo> token(std::string_view token, std::string_view realm);
    void remember_token(std::string_view token, std::string_view realm, const TokenInfo& info);

    // FSA_PASSWORD_CACHE_TTL's table, nullptr when off
    PasswordVerdicts* password_verdicts() const noexcept { return verdicts_.get(); }
    // the stored hash of `login` when an in-process store holds it (the hook is never called, no server
    // is asked); nullopt otherwise, "no such user" included
    std::optional<std::string> cached_user_pass(std::string_view login) const;

    // upstream's uncache API: whether something was removed; password_uncache and clear() also drop
    // the login's (all) password verdicts
    bool password_uncache(std::string_view login);
    bool group_uncache(std::string_view login, std::string_view group);
    bool object_perms_uncache(std::string_view domain,
                              std::string_view login,
                              std::string_view ids,
                              std::string_view mode);
    bool token_uncache(std::string_view token, std::string_view realm);
    bool user_token_uncache(std::string_view user, std::string_view realm);
    void clear();

    bool enabled() const noexcept { return store_ != nullptr; }
    static std::string id_key(const std::vector<std::string>& ids);  // identifiers of an object permission

private:
    std::unique_ptr<CacheStore> store_;
    std::unique_ptr<PasswordVerdicts> verdicts_;
};

}  // namespace simpleauth::detail
