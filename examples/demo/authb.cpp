// Upstream authb.py (blueprint "auth"): user administration with the User model (model.hpp), for admins.

#include "demo.hpp"

namespace demo {

using sa::Param;

namespace {

constexpr const char* auth_columns[] = {"aid", "login", "email", "upass", "admin", "secret"};

// a six-column Auth row as an object (sorted keys, like every JSON answer)
sa::Json auth_object(const Row& row) {
    sa::Json out = sa::Json::object();
    for (std::size_t i = 0; i < row.size(); ++i) {
        out[auth_columns[i]] = to_json(row[i]);
    }
    return out;
}

// GET /auth as upstream streams it: members in column order, with Python's ", " and ": " separators
std::string python_dumps(const std::vector<Row>& rows) {
    std::string out = "[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += r == 0 ? "{" : ",{";
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            out += (i == 0 ? "\"" : ", \"") + std::string(auth_columns[i]) + "\": " + to_json(rows[r][i]).dump();
        }
        out += "}";
    }
    return out + "]\n";
}

}  // namespace

void register_authb(sa::App& app, Db& db) {
    app.get<"/auth">(sa::authz<"ADMIN">,
                     [&db] { return sa::Reply(python_dumps(db.get_auth_all()), 200, "application/json"); });
    // the login only: an e-mail is a 404 here
    app.get<"/auth/<login>">(sa::authz<"ADMIN">, [&db](Param<"login", std::string> login) {
        auto user = db.get_auth_login(*login);
        if (!user) {
            throw sa::ErrorResponse("no such login: " + *login, 404);
        }
        return sa::json(auth_object(*user));
    });
    // the model's aid is ignored; an existing login or e-mail is a 409 (upstream: 201 {"aid": null})
    app.post<"/auth">(sa::authz<"ADMIN">, [&app, &db](Param<"user", User> param) {
        User user = *param;
        user.upass = app.hash_password(user.upass);
        long long aid = db.add_auth(user);
        app.auth_uncache(user.login);
        app.auth_uncache(user.email);
        return sa::json({{"aid", aid}}, 201);
    });
    app.put<"/auth/<aid>">(sa::authz<"ADMIN">, [&app, &db](Param<"aid", long long> aid, Param<"user", User> param) {
        User user = *param;
        if (!user.aid || user.aid->value != *aid) {
            throw sa::ErrorResponse("inconsistent aid", 400);
        }
        user.upass = app.hash_password(user.upass);
        auto previous = db.get_auth_aid(*aid);
        if (!previous) {
            throw sa::ErrorResponse("no such aid: " + std::to_string(*aid), 404);
        }
        db.change_auth(user);
        app.auth_uncache(text(previous->at(1)));
        app.auth_uncache(text(previous->at(2)));
        return no_content();
    });
    app.delete_<"/auth/<login>">(
        sa::authz<"ADMIN">, [&app, &db](Param<"login", std::string> login) { return delete_user(app, db, *login); });
}

}  // namespace demo
