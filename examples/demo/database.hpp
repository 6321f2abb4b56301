#pragma once
// The demo's database (upstream database.py + queries.sql): one interface, two back-ends chosen by the
// --db value (a path: SQLite; postgresql://...: PostgreSQL). Each I/O thread has its own connection;
// every request runs in one transaction, begun by its first statement and ended by end_request():
// committed when the response status is below 400, rolled back otherwise (demo-spec 2.4).

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace demo::db {

// A column value as the database returns it: SQLite has no boolean (admin is 1/0), PostgreSQL has.
using Value = std::variant<std::monostate, long long, double, bool, std::string>;
using Row = std::vector<Value>;

struct Result {
    std::vector<Row> rows;
    long long affected = 0;  // rows inserted, updated or deleted
};

// A unique constraint refused a statement: the client asked for an existing login or e-mail.
class Conflict : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class Dialect { sqlite, postgresql };

class Backend {
public:
    virtual ~Backend() = default;
    virtual Dialect dialect() const noexcept = 0;
    // runs a prepared statement (SQL with ? placeholders), in this thread's request transaction
    virtual Result exec(std::string_view sql, const std::vector<Value>& params) = 0;
    // runs a script of several statements without parameters (schema, data), in the transaction
    virtual void script(std::string_view sql) = 0;
    // ends this thread's transaction, if one was begun: commit or roll back. A failed commit throws.
    virtual void end_request(bool commit) = 0;
};

// "postgresql://..." or "postgres://..." (libpq connection URI), anything else is a SQLite file path
std::unique_ptr<Backend> open(const std::string& target);
std::unique_ptr<Backend> open_sqlite(const std::string& path);
std::unique_ptr<Backend> open_postgresql(const std::string& uri);

}  // namespace demo::db
