#include "model.hpp"

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace acme::model {

namespace {

std::string database_path;

// One connection per server thread: SQLite serializes writers itself, readers run in parallel (WAL).
struct Connection {
    sqlite3* db = nullptr;
    explicit Connection(const std::string& path) {
        if (sqlite3_open_v2(
                path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
            SQLITE_OK) {
            std::string error = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            throw std::runtime_error("cannot open database " + path + ": " + error);
        }
        sqlite3_busy_timeout(db, 10000);
    }
    ~Connection() { sqlite3_close(db); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
};

sqlite3* db() {
    thread_local std::unique_ptr<Connection> connection;
    if (!connection) {
        connection = std::make_unique<Connection>(database_path);
    }
    return connection->db;
}

void exec(sqlite3* handle, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(handle, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error(std::string("database error: ") + message);
    }
}

// Prepared statements are kept per connection (one per thread) and reused: preparing SQL costs more
// than running these small queries.
sqlite3_stmt* prepared(const char* sql) {
    struct Cache {
        std::unordered_map<const char*, sqlite3_stmt*> statements;
        ~Cache() {
            for (auto& [sql, stmt] : statements) {
                sqlite3_finalize(stmt);
            }
        }
    };
    sqlite3* handle = db();  // the connection is created first, hence destroyed after its statements
    thread_local Cache cache;
    auto [it, inserted] = cache.statements.try_emplace(sql, nullptr);
    if (inserted) {
        if (sqlite3_prepare_v3(handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &it->second, nullptr) != SQLITE_OK) {
            cache.statements.erase(it);
            throw std::runtime_error(std::string("database error: ") + sqlite3_errmsg(handle));
        }
    }
    return it->second;
}

// A reused prepared statement with bound parameters, reset on scope exit.
class Statement {
public:
    explicit Statement(const char* sql) : stmt_(prepared(sql)) {}
    ~Statement() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, std::string_view text) {
        sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, long long value) {
        sqlite3_bind_int64(stmt_, i, value);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc == SQLITE_DONE) {
            return false;
        }
        throw std::runtime_error(std::string("database error: ") + sqlite3_errmsg(db()));
    }
    long long integer(int column) { return sqlite3_column_int64(stmt_, column); }
    std::string text(int column) {
        const auto* p = sqlite3_column_text(stmt_, column);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS store(
    sid INTEGER PRIMARY KEY,
    name TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS auth(
    login TEXT PRIMARY KEY,
    password TEXT NOT NULL,
    is_employee BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS role(
    login TEXT NOT NULL REFERENCES auth(login),
    sid INTEGER NOT NULL REFERENCES store(sid),
    role TEXT NOT NULL CHECK (role IN ('employee', 'manager')),
    PRIMARY KEY (login, sid, role));
CREATE TABLE IF NOT EXISTS stock(
    sid INTEGER NOT NULL REFERENCES store(sid),
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (sid, product));
)sql";

}  // namespace

void open(const std::string& path, std::string (*hash)(std::string_view password)) {
    database_path = path;
    sqlite3* handle = db();
    exec(handle, "PRAGMA journal_mode = WAL");
    exec(handle, "BEGIN IMMEDIATE");
    try {
        exec(handle, schema);
        Statement count("SELECT COUNT(*) FROM auth");
        count.step();
        if (count.integer(0) == 0) {
            exec(handle, "INSERT INTO store(sid, name) VALUES (1, 'Main Street'), (2, 'Harbour')");
            struct Seed {
                const char* login;
                const char* password;
                int employee;
            };
            for (const Seed& s :
                 {Seed{"calvin", "hobbes-1", 1}, Seed{"hobbes", "susie-2", 1}, Seed{"susie", "calvin-3", 0}}) {
                Statement insert("INSERT INTO auth(login, password, is_employee) VALUES (?, ?, ?)");
                insert.bind(1, s.login).bind(2, hash(s.password)).bind(3, static_cast<long long>(s.employee)).step();
            }
            exec(handle,
                 "INSERT INTO role(login, sid, role) VALUES "
                 "('calvin', 1, 'manager'), ('calvin', 2, 'employee'), ('hobbes', 1, 'employee')");
        }
        exec(handle, "COMMIT");
    } catch (...) {
        exec(handle, "ROLLBACK");
        throw;
    }
}

std::optional<std::string> password_hash(std::string_view login) {
    Statement q("SELECT password FROM auth WHERE login = ?");
    q.bind(1, login);
    return q.step() ? std::optional<std::string>(q.text(0)) : std::nullopt;
}

bool is_employee(std::string_view login) {
    Statement q("SELECT is_employee FROM auth WHERE login = ?");
    q.bind(1, login);
    return q.step() && q.integer(0) != 0;
}

bool store_exists(int sid) {
    Statement q("SELECT 1 FROM store WHERE sid = ?");
    q.bind(1, static_cast<long long>(sid));
    return q.step();
}

bool has_role(std::string_view login, int sid, std::string_view role) {
    Statement q(
        "SELECT 1 FROM role WHERE login = ? AND sid = ? AND (role = ? OR (? = 'employee' AND role = 'manager'))");
    q.bind(1, login).bind(2, static_cast<long long>(sid)).bind(3, role).bind(4, role);
    return q.step();
}

std::vector<Store> stores(std::string_view pattern) {
    Statement q("SELECT sid, name FROM store WHERE name LIKE ? ORDER BY sid");
    q.bind(1, pattern);
    std::vector<Store> out;
    while (q.step()) {
        out.push_back({static_cast<int>(q.integer(0)), q.text(1)});
    }
    return out;
}

std::map<std::string, long long> stock(int sid) {
    Statement q("SELECT product, quantity FROM stock WHERE sid = ? ORDER BY product");
    q.bind(1, static_cast<long long>(sid));
    std::map<std::string, long long> out;
    while (q.step()) {
        out[q.text(0)] = q.integer(1);
    }
    return out;
}

long long add_product(int sid, std::string_view product, long long quantity) {
    // one atomic statement: concurrent additions never lose an update
    Statement q(
        "INSERT INTO stock(sid, product, quantity) VALUES (?, ?, ?) "
        "ON CONFLICT(sid, product) DO UPDATE SET quantity = quantity + excluded.quantity "
        "RETURNING quantity");
    q.bind(1, static_cast<long long>(sid)).bind(2, product).bind(3, quantity);
    q.step();
    return q.integer(0);
}

}  // namespace acme::model
