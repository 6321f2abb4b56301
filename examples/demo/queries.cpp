// Upstream queries.sql, with the two dialects side by side where they differ: the time of now() and of
// the MFA operations (upstream wrote those for PostgreSQL only; SQLite keeps codets as UTC text with
// milliseconds, which compares in time order).

#include "queries.hpp"

#include <simpleauth/errors.hpp>

#include <stdexcept>

#include "schema.hpp"

namespace demo {

db::Result Db::exec(const Sql& sql, const std::vector<Value>& params) {
    bool pg = backend_->dialect() == db::Dialect::postgresql && sql.postgresql != nullptr;
    try {
        return backend_->exec(pg ? sql.postgresql : sql.sqlite, params);
    } catch (const db::Conflict&) {
        // the demo's only unique columns are logins and e-mails (upstream: 500, or 201 for POST /auth)
        throw simpleauth::ErrorResponse("login or e-mail already in use", 409);
    }
}

std::optional<Row> Db::row(const Sql& sql, const std::vector<Value>& params) {
    db::Result r = exec(sql, params);
    if (r.rows.empty()) {
        return std::nullopt;
    }
    return std::move(r.rows.front());
}

void Db::create_if_empty(const std::function<std::string(std::string_view)>& hash_password) {
    bool pg = backend_->dialect() == db::Dialect::postgresql;
    bool empty = exec({"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Auth'",
                       "SELECT 1 FROM pg_tables WHERE tablename = 'auth' AND schemaname = current_schema()"})
                     .rows.empty();
    if (empty) {
        backend_->script(pg ? schema::create_pg : schema::create_db);
        backend_->script(schema::data);
        // upstream's pass.py foo:bla:FOOSECRETFOOSECRET bla:foo:BLASECRETBLASECRET
        add_user("foo", "foo@school.org", hash_password("bla"), true, "FOOSECRETFOOSECRET");
        add_user("bla", "bla@school.org", hash_password("foo"), true, "BLASECRETBLASECRET");
    }
    backend_->end_request(true);  // the start-up thread keeps its connection: no transaction left open
}

std::string Db::now() {
    return text(row({"SELECT CURRENT_TIMESTAMP",
                     "SELECT to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"},
                    {})
                    ->at(0));
}

std::vector<Row> Db::get_stuff_all() {
    return exec({"SELECT sid, sname FROM Stuff ORDER BY sid"}).rows;
}
std::vector<Row> Db::get_stuff_like(const std::string& pattern) {
    return exec({"SELECT sid, sname FROM Stuff WHERE sname LIKE ? ORDER BY sid"}, {pattern}).rows;
}
std::optional<Row> Db::get_stuff_sid(long long sid) {
    return row({"SELECT sname FROM Stuff WHERE sid = ?"}, {sid});
}
long long Db::add_stuff(const std::string& sname) {
    return integer(row({"INSERT INTO Stuff(sname) VALUES (?) RETURNING sid"}, {sname})->at(0));
}
long long Db::del_stuff_sid(long long sid) {
    return exec({"DELETE FROM Stuff WHERE sid = ?"}, {sid}).affected;
}
long long Db::upd_stuff_sid(long long sid, const std::string& sname) {
    return exec({"UPDATE Stuff SET sname = ? WHERE sid = ?"}, {sname, sid}).affected;
}

std::optional<Row> Db::get_user_data(const std::string& name) {
    return row({"SELECT login, email, upass, admin FROM Auth WHERE ? IN (login, email)"}, {name});
}
std::vector<Row> Db::get_user_all() {
    return exec({"SELECT login, email, upass, admin FROM Auth ORDER BY login"}).rows;
}
long long Db::add_user(const std::string& login,
                       const std::string& email,
                       const std::string& upass,
                       bool admin,
                       const std::string& secret) {
    return integer(row({"INSERT INTO Auth(login, email, upass, admin, secret) VALUES (?, ?, ?, ?, ?) RETURNING aid"},
                       {login, email, upass, admin, secret})
                       ->at(0));
}
long long Db::del_user_login(const std::string& name) {
    return exec({"DELETE FROM Auth WHERE ? IN (login, email)"}, {name}).affected;
}
long long Db::upd_user_password(const std::string& name, const std::string& upass) {
    return exec({"UPDATE Auth SET upass = ? WHERE ? IN (login, email)"}, {upass, name}).affected;
}
long long Db::upd_user_email(const std::string& name, const std::string& email) {
    return exec({"UPDATE Auth SET email = ? WHERE ? IN (login, email)"}, {email, name}).affected;
}
long long Db::upd_user_admin(const std::string& name, bool admin) {
    return exec({"UPDATE Auth SET admin = ? WHERE ? IN (login, email)"}, {admin, name}).affected;
}
// upstream stores the secret into the admin column (demo-spec 9, quirk 1): fixed here
long long Db::upd_user_secret(const std::string& name, const std::string& secret) {
    return exec({"UPDATE Auth SET secret = ? WHERE ? IN (login, email)"}, {secret, name}).affected;
}

std::vector<Row> Db::get_auth_all() {
    return exec({"SELECT aid, login, email, upass, admin, secret FROM Auth ORDER BY login"}).rows;
}
std::optional<Row> Db::get_auth_login(const std::string& login) {
    return row({"SELECT aid, login, email, upass, admin, secret FROM Auth WHERE login = ?"}, {login});
}
std::optional<Row> Db::get_auth_aid(long long aid) {
    return row({"SELECT aid, login, email, upass, admin, secret FROM Auth WHERE aid = ?"}, {aid});
}
long long Db::add_auth(const User& u) {
    return add_user(u.login, u.email, u.upass, u.admin.value, u.secret);
}
long long Db::change_auth(const User& u) {
    return exec({"UPDATE Auth SET login = ?, email = ?, upass = ?, admin = ?, secret = ? WHERE aid = ?"},
                {u.login, u.email, u.upass, u.admin.value, u.secret, u.aid ? Value(u.aid->value) : Value()})
        .affected;
}

long long Db::set_user_code(const std::string& login, const std::string& code) {
    return exec({"UPDATE Auth SET code = ?, codets = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE login = ? "
                 "AND (codets IS NULL OR codets > strftime('%Y-%m-%d %H:%M:%f', 'now', '-5 seconds'))",
                 "UPDATE Auth SET code = ?, codets = CURRENT_TIMESTAMP WHERE login = ? "
                 "AND (codets IS NULL OR codets > CURRENT_TIMESTAMP - INTERVAL '5 seconds')"},
                {code, login})
        .affected;
}
long long Db::reset_user_code(const std::string& login) {
    return exec({"UPDATE Auth SET code = NULL, codets = NULL WHERE login = ?"}, {login}).affected;
}
std::optional<std::string> Db::get_user_code(const std::string& login) {
    auto r = row({"SELECT code FROM Auth WHERE login = ? AND codets IS NOT NULL "
                  "AND codets > strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 minute')",
                  "SELECT code FROM Auth WHERE login = ? AND codets IS NOT NULL "
                  "AND codets > CURRENT_TIMESTAMP - INTERVAL '1 minute'"},
                 {login});
    if (!r || std::holds_alternative<std::monostate>(r->at(0))) {
        return std::nullopt;
    }
    return text(r->at(0));
}
std::optional<Row> Db::get_user_otp_data(const std::string& login) {
    return row({"SELECT secret, last_otp FROM Auth WHERE login = ?"}, {login});
}
long long Db::set_user_otp_last(const std::string& login, const std::string& otp) {
    return exec({"UPDATE Auth SET last_otp = ? WHERE login = ?"}, {otp, login}).affected;
}

std::string text(const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    if (const auto* n = std::get_if<long long>(&v)) {
        return std::to_string(*n);
    }
    if (const auto* b = std::get_if<bool>(&v)) {
        return *b ? "true" : "false";
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return std::to_string(*d);
    }
    return "";
}

long long integer(const Value& v) {
    if (const auto* n = std::get_if<long long>(&v)) {
        return *n;
    }
    throw std::runtime_error("database: an integer was expected");
}

bool truthy(const Value& v) {
    if (const auto* n = std::get_if<long long>(&v)) {
        return *n != 0;
    }
    if (const auto* b = std::get_if<bool>(&v)) {
        return *b;
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return !s->empty();
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return *d != 0;
    }
    return false;
}

}  // namespace demo
