#include "auth/password_check.hpp"

#include "core/app_state.hpp"
#include "passwords/bcrypt.hpp"
#include "simpleauth/errors.hpp"

namespace simpleauth::detail {

bool check_user_password(AppState& app, std::string_view login, std::string_view password) {
    if (!app.get_user_pass) {
        throw ErrorResponse("internal error: no get_user_pass hook", app.settings.server_error);
    }
    std::optional<std::string> hash;
    try {
        hash = app.get_user_pass(login);
    } catch (const ErrorResponse&) {
        throw;
    } catch (...) {
        throw ErrorResponse("internal error in get_user_pass", app.settings.server_error);
    }
    if (!hash || hash->empty()) {
        (void)bcrypt_verify(password, app.dummy_hash);  // same cost as a known user
        return false;
    }
    return bcrypt_verify(password, *hash);
}

}  // namespace simpleauth::detail
