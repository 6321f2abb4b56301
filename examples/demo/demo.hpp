#pragma once
// What the demo's modules share: each upstream module (auth.py and the blueprints) is one function that
// registers its hooks or routes on the application, given the database.

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>

#include <string>
#include <vector>

#include "queries.hpp"

namespace demo {

namespace sa = simpleauth;

void init_auth(sa::App& app, Db& db);                     // auth.py: password, group and permission hooks
void register_stuff(sa::App& app, Db& db);                // stuff.py: /stuff
void register_users(sa::App& app, Db& db);                // users.py: /users
void register_authb(sa::App& app, Db& db);                // authb.py: /auth, with the User model
void register_scare(sa::App& app, Db& db);                // scare.py: /scare, self-care
void register_types(sa::App& app);                        // types_path.py: /types
void register_oauth(sa::App& app, Db& db);                // oauth.py: /oauth (JWT only)
void register_mfa(sa::App& app, Db& db, int otp_digits);  // mfa.py: /mfa (fsa tokens only)

// auth.py's user_is_admin: the user matching name exists and its admin flag is set
bool user_is_admin(Db& db, std::string_view name);
// DELETE /users/<login> and /auth/<login>: 404 for an unknown name, else delete it and forget
// everything cached about its login and e-mail
sa::Reply delete_user(sa::App& app, Db& db, const std::string& name);

// Flask's answers: a handler's string is text/html, an empty 204, a database row as a JSON array
sa::Reply html(std::string body, int status = 200);
sa::Reply no_content();
sa::Json to_json(const Value& value);
sa::Json to_json(const Row& row);
sa::Json to_json(const std::vector<Row>& rows);

}  // namespace demo
