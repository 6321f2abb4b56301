#include "auth/password_check.hpp"

#include "auth/password_verdicts.hpp"
#include "core/app_state.hpp"
#include "core/auth_cache.hpp"
#include "core/pipeline.hpp"
#include "core/throttle.hpp"
#include "passwords/passwords.hpp"
#include "simpleauth/context.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

namespace {
bool alternate_check(AppState& app, std::string_view login, std::string_view password) {
    if (!app.password_check) {
        return false;
    }
    try {
        return app.password_check(login, password);
    } catch (const ErrorResponse&) {
        throw;
    } catch (...) {
        return false;  // upstream: an exception of the alternate checker counts as "no"
    }
}

// The stored hash against the password, through FSA_PASSWORD_CACHE_TTL's table when it is on: only a
// success is remembered, so a wrong password is verified (and throttled) every time.
bool verify_hash(AppState& app, std::string_view login, std::string_view password, const std::string& hash) {
    PasswordVerdicts* verdicts = app.cache->password_verdicts();
    if (verdicts == nullptr) {
        return app.passwords->verify(password, hash);
    }
    PasswordVerdicts::Digest digest = verdicts->digest(login, password, hash);
    if (verdicts->holds(digest)) {
        return true;
    }
    if (!app.passwords->verify(password, hash)) {
        return false;
    }
    verdicts->remember(digest, login);
    return true;
}
}  // namespace

bool check_user_password(AppState& app, std::string_view login, std::string_view password) {
    std::optional<std::string> hash;
    if (app.get_user_pass) {
        try {
            hash = app.cache->user_pass(login, app.get_user_pass);  // "no such user" is cached too
        } catch (const ErrorResponse&) {
            throw;
        } catch (...) {
            throw ErrorResponse("internal error in get_user_pass", app.settings.server_error);
        }
    }
    if (!hash || hash->empty()) {
        (void)app.passwords->verify(password, app.dummy_hash);  // an unknown user costs a known one's time
        return alternate_check(app, login, password);
    }
    return verify_hash(app, login, password, *hash) || alternate_check(app, login, password);
}

bool throttled_check(AppState& app, Context& ctx, std::string_view login, const std::function<bool()>& verify) {
    Pipeline::set_claimed_login(ctx, login);  // who the audit log says failed, or was throttled
    if (!app.throttle) {
        return verify();
    }
    const std::string& address = ctx.request().remote_addr;
    app.throttle->check(login, address);
    bool ok = verify();
    if (!ok) {
        app.throttle->failed(login, address);
    }
    return ok;
}

bool check_request_password(AppState& app, Context& ctx, std::string_view login, std::string_view password) {
    return throttled_check(app, ctx, login, [&] { return check_user_password(app, login, password); });
}

}  // namespace simpleauth::detail
