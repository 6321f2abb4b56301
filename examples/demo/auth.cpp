// Upstream auth.py: how users are checked, from the database. No route knows about it. The framework
// caches what these hooks answer (FSA_CACHE); routes that change users invalidate those entries.

#include "demo.hpp"

namespace demo {

bool user_is_admin(Db& db, std::string_view name) {
    auto user = db.get_user_data(std::string(name));
    return user && truthy(user->at(3));
}

void init_auth(sa::App& app, Db& db) {
    // a login or an e-mail: the authenticated name is exactly what the client sent
    app.get_user_pass([&db](std::string_view name) -> std::optional<std::string> {
        auto user = db.get_user_data(std::string(name));
        return user ? std::optional(text(user->at(2))) : std::nullopt;
    });
    app.add_group("ADMIN");
    app.group_check("ADMIN", [&db](std::string_view name) { return user_is_admin(db, name); });
    // any other group: whether the user exists (no route uses one; upstream declares it all the same)
    app.user_in_group([&db](std::string_view name, std::string_view group) {
        auto user = db.get_user_data(std::string(name));
        return user && (group != "ADMIN" || truthy(user->at(3)));
    });
    // /users/<login>: admins, and the user themself (never "no such object": admins get the 404)
    app.object_perms("users", [&db](std::string_view name, std::string login, std::string_view) -> std::optional<bool> {
        return user_is_admin(db, name) || name == login;
    });
}

}  // namespace demo
