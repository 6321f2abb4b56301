// The SQLite back-end (libsqlite3): prepared statements kept per connection, BEGIN IMMEDIATE so that
// concurrent requests wait for each other (busy timeout) instead of failing on a lock upgrade.

#include <sqlite3.h>

#include <map>
#include <stdexcept>
#include <string>

#include "database.hpp"
#include "per_thread.hpp"

namespace demo::db {

namespace {

class SqliteConn final : public Transactional {
public:
    explicit SqliteConn(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
            std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open SQLite database " + path + ": " + message);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, 10000);  // ms: a request waits for the one holding the write lock
    }
    ~SqliteConn() override {
        for (auto& [sql, stmt] : statements_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db_);
    }

    Result exec(std::string_view sql, const std::vector<Value>& params) {
        begin();
        sqlite3_stmt* stmt = prepare(sql);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) {
            bind(stmt, static_cast<int>(i) + 1, params[i]);
        }
        Result result;
        int rc = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            Row row;
            for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
                row.push_back(column(stmt, c));
            }
            result.rows.push_back(std::move(row));
        }
        if (rc != SQLITE_DONE) {
            std::string message = sqlite3_errmsg(db_);
            sqlite3_reset(stmt);
            if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
                throw Conflict(message);
            }
            throw std::runtime_error("SQLite: " + message);
        }
        result.affected = sqlite3_changes(db_);
        sqlite3_reset(stmt);
        return result;
    }

private:
    // BEGIN IMMEDIATE: the write lock at once, so that concurrent requests wait (busy timeout) rather
    // than fail when a read transaction would have to become a write one
    const char* begin_statement() const override { return "BEGIN IMMEDIATE"; }
    void commit() override {
        try {
            run("COMMIT");
        } catch (...) {
            if (sqlite3_get_autocommit(db_) == 0) {
                sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            }
            throw;
        }
    }
    void run(const std::string& sql) override {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error != nullptr ? error : "unknown error";
            sqlite3_free(error);
            throw std::runtime_error("SQLite: " + message);
        }
    }
    sqlite3_stmt* prepare(std::string_view sql) {
        auto it = statements_.find(sql);
        if (it != statements_.end()) {
            return it->second;
        }
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error("SQLite: " + std::string(sqlite3_errmsg(db_)) + " in " + std::string(sql));
        }
        statements_.emplace(std::string(sql), stmt);
        return stmt;
    }
    static void bind(sqlite3_stmt* stmt, int i, const Value& v) {
        if (const auto* n = std::get_if<long long>(&v)) {
            sqlite3_bind_int64(stmt, i, *n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            sqlite3_bind_double(stmt, i, *d);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            sqlite3_bind_int(stmt, i, *b ? 1 : 0);  // SQLite's booleans are 1 and 0
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_null(stmt, i);
        }
    }
    static Value column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                return static_cast<long long>(sqlite3_column_int64(stmt, c));
            case SQLITE_FLOAT:
                return sqlite3_column_double(stmt, c);
            case SQLITE_NULL:
                return std::monostate{};
            default: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
            }
        }
    }

    sqlite3* db_ = nullptr;
    std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace

std::unique_ptr<Backend> open_sqlite(const std::string& path) {
    return std::make_unique<PerThreadBackend<SqliteConn>>(Dialect::sqlite,
                                                          [path] { return std::make_unique<SqliteConn>(path); });
}

}  // namespace demo::db
