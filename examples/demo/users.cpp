// Upstream users.py: user administration by admins; a user may also read and delete themself (object
// permission "users", auth.cpp).

#include "demo.hpp"

namespace demo {

using sa::Param;

void register_users(sa::App& app, Db& db) {
    app.get<"/users">(sa::authz<"ADMIN">, [&db] { return sa::json(to_json(db.get_user_all())); });
    app.get<"/users/<login>">(sa::object<"users", "login">, [&db](Param<"login", std::string> login) {
        auto user = db.get_user_data(*login);
        if (!user) {
            throw sa::ErrorResponse("no such login: " + *login, 404);
        }
        return sa::json(to_json(*user));
    });
    app.post<"/users">(sa::authz<"ADMIN">,
                       [&app, &db](Param<"login", std::string> login,
                                   Param<"email", std::string> email,
                                   Param<"pass", std::string> pass,
                                   Param<"secret", std::string> secret,
                                   Param<"admin", bool, false> admin) {
                           long long aid = db.add_user(*login, *email, app.hash_password(*pass), *admin, *secret);
                           app.password_uncache(*login);  // "no such user" may be cached
                           app.password_uncache(*email);
                           return sa::json(aid, 201);
                       });
    app.patch<"/users/<login>">(sa::authz<"ADMIN">,
                                [&app, &db](Param<"login", std::string> login,
                                            Param<"email", std::optional<std::string>> email,
                                            Param<"pass", std::optional<std::string>> pass,
                                            Param<"admin", std::optional<bool>> admin,
                                            Param<"secret", std::optional<std::string>> secret) {
                                    auto user = db.get_user_data(*login);
                                    if (!user) {  // upstream: a failed assertion, 500
                                        throw sa::ErrorResponse("no such login: " + *login, 404);
                                    }
                                    std::string previous_email = text(user->at(1));
                                    if (*pass) {
                                        db.upd_user_password(*login, app.hash_password(**pass));
                                        app.password_uncache(*login);
                                        app.password_uncache(previous_email);
                                    }
                                    if (*email) {
                                        db.upd_user_email(*login, **email);
                                        app.password_uncache(previous_email);
                                    }
                                    if (*admin) {
                                        db.upd_user_admin(*login, **admin);
                                        app.group_uncache(*login, "ADMIN");
                                        app.group_uncache(previous_email, "ADMIN");
                                    }
                                    if (*secret) {
                                        db.upd_user_secret(*login, **secret);
                                    }
                                    return no_content();
                                });
    app.delete_<"/users/<login>">(sa::object<"users", "login">, [&app, &db](Param<"login", std::string> login) {
        return delete_user(app, db, *login);
    });
}

}  // namespace demo
