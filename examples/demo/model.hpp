#pragma once
// Upstream model.py: the User of the /auth routes, a validated structure read from the parameter "user"
// (a JSON object member, or a query/form value holding JSON text), with pydantic's lax rules for admin
// and aid (lax.hpp).

#include <simpleauth/params/struct.hpp>

#include <optional>
#include <string>

#include "lax.hpp"

namespace demo {

struct User {
    std::string login;
    std::string email;
    std::string upass;  // clear password in requests, its hash once stored
    LaxBool admin;
    std::string secret;
    std::optional<LaxInt> aid;
};

}  // namespace demo

SIMPLEAUTH_STRUCT(demo::User, login, email, upass, admin, secret, aid);
