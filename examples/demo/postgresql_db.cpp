// The PostgreSQL back-end (libpq): statements prepared once per connection under a generated name, the
// demo's ? placeholders numbered $1, $2... (no query of the demo has a ? inside a literal).

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "database.hpp"
#include "per_thread.hpp"

namespace demo::db {

namespace {

// type OIDs of pg_type that the demo's columns use; any other type is read as text
constexpr Oid bool_oid = 16;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr const char* unique_violation = "23505";  // SQLSTATE

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string numbered(std::string_view sql) {
    std::string out;
    int n = 0;
    for (char c : sql) {
        if (c == '?') {
            out += "$" + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

class PgConn final : public Transactional {
public:
    explicit PgConn(const std::string& uri) : conn_(PQconnectdb(uri.c_str())) {
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            throw std::runtime_error("cannot connect to PostgreSQL: " + message);
        }
    }
    ~PgConn() override { PQfinish(conn_); }

    Result exec(std::string_view sql, const std::vector<Value>& params) {
        begin();
        const std::string& name = prepare(sql);
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (to_text(params[i], texts[i])) {
                values[i] = texts[i].c_str();
            }
        }
        PgResult res(
            PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0),
            &PQclear);
        check(res.get());
        Result result;
        for (int r = 0; r < PQntuples(res.get()); ++r) {
            Row row;
            for (int c = 0; c < PQnfields(res.get()); ++c) {
                row.push_back(column(res.get(), r, c));
            }
            result.rows.push_back(std::move(row));
        }
        const char* tuples = PQcmdTuples(res.get());
        result.affected = *tuples != '\0' ? std::stoll(tuples) : 0;
        return result;
    }

private:
    const char* begin_statement() const override { return "BEGIN"; }
    // after a failed statement PostgreSQL turns COMMIT into a rollback: report it as a failure
    void commit() override {
        PgResult res(PQexec(conn_, "COMMIT"), &PQclear);
        check(res.get());
        if (std::string_view(PQcmdStatus(res.get())) != "COMMIT") {
            throw std::runtime_error("PostgreSQL: the transaction was rolled back");
        }
    }
    void run(const std::string& sql) override {
        PgResult res(PQexec(conn_, sql.c_str()), &PQclear);
        check(res.get());
    }
    void check(PGresult* res) {
        ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            return;
        }
        std::string message = PQerrorMessage(conn_);
        const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        if (state != nullptr && std::string_view(state) == unique_violation) {
            throw Conflict(message);
        }
        throw std::runtime_error("PostgreSQL: " + message);
    }
    const std::string& prepare(std::string_view sql) {
        auto it = statements_.find(sql);
        if (it != statements_.end()) {
            return it->second;
        }
        std::string name = "demo_" + std::to_string(statements_.size());
        PgResult res(PQprepare(conn_, name.c_str(), numbered(sql).c_str(), 0, nullptr), &PQclear);
        check(res.get());
        return statements_.emplace(std::string(sql), std::move(name)).first->second;
    }
    // the parameter as text, false for NULL
    static bool to_text(const Value& v, std::string& out) {
        if (const auto* n = std::get_if<long long>(&v)) {
            out = std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            out = std::to_string(*d);
        } else if (const auto* b = std::get_if<bool>(&v)) {
            out = *b ? "true" : "false";
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            out = *s;
        } else {
            return false;
        }
        return true;
    }
    static Value column(PGresult* res, int r, int c) {
        if (PQgetisnull(res, r, c) != 0) {
            return std::monostate{};
        }
        std::string text(PQgetvalue(res, r, c), static_cast<std::size_t>(PQgetlength(res, r, c)));
        switch (PQftype(res, c)) {
            case bool_oid:
                return text == "t";
            case int2_oid:
            case int4_oid:
            case int8_oid:
                return std::stoll(text);
            case float4_oid:
            case float8_oid:
                return std::stod(text);
            default:
                return text;
        }
    }

    PGconn* conn_;
    std::map<std::string, std::string, std::less<>> statements_;  // SQL -> prepared statement name
};

}  // namespace

std::unique_ptr<Backend> open_postgresql(const std::string& uri) {
    return std::make_unique<PerThreadBackend<PgConn>>(Dialect::postgresql,
                                                      [uri] { return std::make_unique<PgConn>(uri); });
}

}  // namespace demo::db
