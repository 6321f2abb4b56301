// Upstream scare.py: self-care. Register, get a token, change one's password, unregister.

#include "demo.hpp"

namespace demo {

using sa::Param;

void register_scare(sa::App& app, Db& db) {
    // the row of the authenticated name, null when it is gone (authenticated from a cached password)
    app.get<"/scare">(sa::AUTH, [&db](sa::CurrentUser user) {
        auto row = db.get_user_data(user.login());
        return sa::json(row ? to_json(*row) : sa::Json(nullptr));
    });
    // a token for whoever proved their password: Basic only
    app.get<"/scare/token">(sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser user) {
        return sa::json(app.create_token(user.login()));
    });
    app.get<"/scare/token2">(
        sa::AUTH, sa::authn<"basic">, [&app](sa::CurrentUser user, Param<"code", std::string> code) {
            if (*code != user.login() + ":42") {
                return html("invalid validation code for " + user.login(), 400);
            }
            return sa::json(app.create_token(user.login()));
        });
    app.post<"/scare">(sa::OPEN,
                       [&app, &db](Param<"login", std::string> login,
                                   Param<"email", std::string> email,
                                   Param<"pass", std::string> pass,
                                   Param<"secret", std::string> secret) {
                           long long aid = db.add_user(*login, *email, app.hash_password(*pass), false, *secret);
                           app.password_uncache(*login);
                           return sa::json(aid, 201);
                       });
    app.patch<"/scare">(
        sa::AUTH,
        [&app, &db](sa::CurrentUser user, Param<"opass", std::string> opass, Param<"npass", std::string> npass) {
            auto row = db.get_user_data(user.login());
            if (!row) {
                throw std::runtime_error("authenticated user is gone: " + user.login());  // upstream: 500
            }
            if (!app.check_password(*opass, text(row->at(2)))) {
                return html("invalid password provided", 403);
            }
            db.upd_user_password(user.login(), app.hash_password(*npass));
            app.password_uncache(user.login());
            app.password_uncache(text(row->at(1)));
            return no_content();
        });
    app.delete_<"/scare">(sa::AUTH, [&app, &db](sa::CurrentUser user) {
        auto row = db.get_user_data(user.login());
        if (!row) {
            throw std::runtime_error("authenticated user is gone: " + user.login());  // upstream: 500
        }
        db.del_user_login(user.login());
        app.auth_uncache(user.login());
        app.auth_uncache(text(row->at(1)));
        return no_content();
    });
}

}  // namespace demo
