// The back-end named by --db: a libpq connection URI is PostgreSQL, anything else a SQLite file.

#include "database.hpp"

namespace demo::db {

std::unique_ptr<Backend> open(const std::string& target) {
    if (target.starts_with("postgresql://") || target.starts_with("postgres://")) {
        return open_postgresql(target);
    }
    return open_sqlite(target);
}

}  // namespace demo::db
