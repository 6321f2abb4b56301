// App T: authentication schemes, groups, user management and object permissions.

#include <simpleauth/json.hpp>
#include <simpleauth/simpleauth.hpp>

#include <stdexcept>

#include "app_t.hpp"
#include "users.hpp"

namespace sa = simpleauth;
using sa::Param;

namespace conformance {

namespace {

// upstream's hook for domain "users": oneself, or dad on anyone; an unknown user is "no such object"
std::optional<bool> users_perm(std::string_view login, std::string value, std::string_view) {
    Users& u = users();
    std::lock_guard lock(u.mutex);
    if (!u.clear.contains(value)) {
        return std::nullopt;
    }
    return login == value || login == "dad";
}

// PATCH and PUT /user/<user>: change one's own password (READ group)
sa::Reply change_password(sa::App& app,
                          const sa::CurrentUser& current,
                          const std::string& user,
                          const std::string& oldpass,
                          const std::string& newpass) {
    if (current.login() != user) {
        return text("self care only", 403);
    }
    Users& u = users();
    std::string hash;
    {
        std::lock_guard lock(u.mutex);
        auto it = u.hashes.find(user);
        hash = it == u.hashes.end() ? "" : it->second;
    }
    // against the current in-memory hash, not the cached one (as upstream)
    if (!app.check_password(oldpass, hash)) {
        return text("bad old password", 422);
    }
    std::string new_hash = app.hash_password(newpass, false);  // no quality rule (hook removed upstream)
    std::lock_guard lock(u.mutex);
    u.clear[user] = newpass;
    u.hashes[user] = new_hash;
    return text("", 204);
}

}  // namespace

void declare_auth_routes(sa::App& app) {
    // ALL (deprecated AUTH): a new token for whoever authenticated
    app.get<"/login">(sa::AUTH, [&app](sa::CurrentUser user) { return sa::json(app.create_token(user.login())); });
    app.get<"/admin">(sa::authz<"0">, [] { return std::string("admin-only"); });
    app.get<"/write">(sa::authz<"1">, [] { return std::string("write-only"); });
    app.get<"/read">(sa::authz<"2">, [] { return std::string("read-only"); });

    app.patch<"/user/<user>">(sa::authz<"2">,
                              [&app](sa::CurrentUser current,
                                     Param<"user", std::string> user,
                                     Param<"oldpass", std::string> oldpass,
                                     Param<"newpass", std::string> newpass) {
                                  return change_password(app, current, *user, *oldpass, *newpass);
                              });
    app.put<"/user/<user>">(sa::authz<"2">,
                            [&app](sa::CurrentUser current,
                                   Param<"user", std::string> user,
                                   Param<"oldpass", std::string> oldpass,
                                   Param<"newpass", std::string> newpass) {
                                return change_password(app, current, *user, *oldpass, *newpass);
                            });
    app.delete_<"/user/<user>">(sa::AUTH, [](sa::CurrentUser current, Param<"user", std::string> user) {
        Users& u = users();
        std::lock_guard lock(u.mutex);
        if (current.login() != *user && !u.groups[ADMIN].contains(current.login())) {
            return text("self care or admin only", 403);
        }
        // upstream's `del` on each mapping in turn: a missing entry raises (500), the earlier ones stay removed
        if (u.clear.erase(*user) == 0 || u.hashes.erase(*user) == 0 || u.groups[READ].erase(*user) == 0) {
            throw std::out_of_range("KeyError: " + *user);
        }
        return text("", 204);
    });
    app.post<"/register">(sa::OPEN, [&app](Param<"user", std::string> user, Param<"upass", std::string> upass) {
        Users& u = users();
        {
            std::lock_guard lock(u.mutex);
            if (u.clear.contains(*user)) {
                return text("cannot register existing user", 403);
            }
        }
        std::string hash = app.hash_password(*upass, false);
        std::lock_guard lock(u.mutex);
        u.clear[*user] = *upass;
        u.hashes[*user] = hash;
        u.groups[READ].insert(*user);
        return text("", 201);
    });

    // one scheme, or a list, per route
    app.get<"/auth/token">(sa::AUTH, sa::authn<"token">, [](sa::CurrentUser u) { return "token auth: " + u.login(); });
    app.get<"/auth/basic">(sa::AUTH, sa::authn<"basic">, [](sa::CurrentUser u) { return "basic auth: " + u.login(); });
    app.get<"/auth/param">(sa::AUTH, sa::authn<"param">, [](sa::CurrentUser u) { return "param auth: " + u.login(); });
    app.get<"/auth/fake">(sa::AUTH, sa::authn<"fake">, [](sa::CurrentUser u) { return "fake auth: " + u.login(); });
    app.get<"/auth/password">(
        sa::AUTH, sa::authn<"password">, [](sa::CurrentUser u) { return "password auth: " + u.login(); });
    app.get<"/auth/ftp">(
        sa::AUTH, sa::authn<"fake", "token", "param">, [](sa::CurrentUser u) { return "ftp auth: " + u.login(); });
    app.get<"/perm/basic">(sa::AUTH, sa::authn<"basic">, [] { return std::string("basic"); });
    app.get<"/perm/token">(sa::AUTH, sa::authn<"token">, [] { return std::string("token"); });
    app.get<"/perm/token-basic">(sa::AUTH, sa::authn<"token", "basic">, [] { return std::string("token-basic"); });
    app.get<"/perm/basic-token">(sa::AUTH, sa::authn<"basic", "token">, [] { return std::string("basic-token"); });

    // object permissions
    app.object_perms("users", users_perm);
    app.object_perms("fun",
                     [](std::string_view, int i, int j, std::string_view) -> std::optional<bool> { return i == j; });
    app.get<"/my/<login>">(sa::object<"users", "login">, [](sa::CurrentUser user, Param<"login", std::string> login) {
        return "login is " + *login + " for " + user.login();
    });
    app.get<"/perm/fun/<i>/<j>">(
        sa::object<"fun", "i:j">, sa::authn<"fake">, [](sa::CurrentUser user, Param<"i", int>, Param<"j", int>) {
            return user.login() + " i==j";
        });
}

}  // namespace conformance
