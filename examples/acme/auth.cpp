// How acme users are checked: hooks over the database, registered in code (upstream: FSA_GET_USER_PASS,
// FSA_GROUP_CHECK, FSA_OBJECT_PERMS). routes.cpp never sees this.

#include <simpleauth/simpleauth.hpp>

#include "model.hpp"

namespace sa = simpleauth;

namespace acme::auth {

void init_app(sa::App& app) {
    // the login's password hash, nullopt when there is no such user
    app.get_user_pass([](std::string_view login) { return model::password_hash(login); });
    // whether login belongs to group "employee"
    app.group_check("employee", [](std::string_view login) { return model::is_employee(login); });
    // whether login may act on store sid in this role; nullopt when there is no store sid (404)
    app.object_perms("store", [](std::string_view login, int sid, std::string_view role) -> std::optional<bool> {
        if (!model::store_exists(sid)) {
            return std::nullopt;
        }
        return model::has_role(login, sid, role);
    });
}

}  // namespace acme::auth
