// Upstream oauth.py: delegated authorizations. Only a bearer JWT is accepted (scheme "oauth"), and the
// route's authorizations are scopes of the token (issued by "fabien", FSA_TOKEN_ISSUER); its subject
// need not be a user of the database.

#include "demo.hpp"

namespace demo {

using sa::Param;

void register_oauth(sa::App& app, Db& db) {
    app.get<"/oauth">(sa::authz<"read">, sa::authn<"oauth">, [&db](sa::CurrentUser user) {
        auto row = db.get_user_data(user.login());
        return sa::json(row ? to_json(*row) : sa::Json(nullptr));
    });
    // no cache invalidation, as upstream: the e-mail is no login the caches know of yet
    app.patch<"/oauth">(
        sa::authz<"write">, sa::authn<"oauth">, [&db](sa::CurrentUser user, Param<"email", std::string> email) {
            db.upd_user_email(user.login(), *email);
            return no_content();
        });
    app.delete_<"/oauth">(sa::authz<"delete">, sa::authn<"oauth">, [&app, &db](sa::CurrentUser user) {
        db.del_user_login(user.login());
        app.clear_caches();
        return no_content();
    });
}

}  // namespace demo
