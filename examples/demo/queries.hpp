#pragma once
// Upstream queries.sql: the named database operations of the demo, over either back-end. A "name"
// matches a user's login or e-mail (e-mails work as logins everywhere); get_auth_login and the MFA
// operations match the login only, as upstream.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "database.hpp"
#include "model.hpp"

namespace demo {

using db::Row;
using db::Value;

class Db {
public:
    explicit Db(std::unique_ptr<db::Backend> backend) : backend_(std::move(backend)) {}

    // creates the schema, the data and the two users on first start (create-*.sql, data.sql, pass.py)
    void create_if_empty(const std::function<std::string(std::string_view)>& hash_password);
    // ends this thread's request transaction: commit below 400, rollback otherwise
    void end_request(bool commit) { backend_->end_request(commit); }

    std::string now();

    std::vector<Row> get_stuff_all();
    std::vector<Row> get_stuff_like(const std::string& pattern);
    std::optional<Row> get_stuff_sid(long long sid);
    long long add_stuff(const std::string& sname);
    long long del_stuff_sid(long long sid);
    long long upd_stuff_sid(long long sid, const std::string& sname);

    // (login, email, upass, admin) of the user matching name
    std::optional<Row> get_user_data(const std::string& name);
    std::vector<Row> get_user_all();
    long long add_user(const std::string& login,
                       const std::string& email,
                       const std::string& upass,
                       bool admin,
                       const std::string& secret);
    long long del_user_login(const std::string& name);
    long long upd_user_password(const std::string& name, const std::string& upass);
    long long upd_user_email(const std::string& name, const std::string& email);
    long long upd_user_admin(const std::string& name, bool admin);
    long long upd_user_secret(const std::string& name, const std::string& secret);

    // (aid, login, email, upass, admin, secret)
    std::vector<Row> get_auth_all();
    std::optional<Row> get_auth_login(const std::string& login);
    std::optional<Row> get_auth_aid(long long aid);
    long long add_auth(const User& user);
    long long change_auth(const User& user);

    // MFA: a temporary code (replaceable for 5 s, valid 1 min), and the last TOTP accepted
    long long set_user_code(const std::string& login, const std::string& code);
    long long reset_user_code(const std::string& login);
    std::optional<std::string> get_user_code(const std::string& login);
    std::optional<Row> get_user_otp_data(const std::string& login);  // (secret, last_otp)
    long long set_user_otp_last(const std::string& login, const std::string& otp);

private:
    // one statement: the SQLite text, and the PostgreSQL text where it differs
    struct Sql {
        const char* sqlite;
        const char* postgresql = nullptr;
    };
    db::Result exec(const Sql& sql, const std::vector<Value>& params = {});
    std::optional<Row> row(const Sql& sql, const std::vector<Value>& params);

    std::unique_ptr<db::Backend> backend_;
};

// a column as text ("" for NULL), as an integer, and its truthiness (1, true, a non-empty text)
std::string text(const Value& v);
long long integer(const Value& v);
bool truthy(const Value& v);

}  // namespace demo
