#pragma once
// The SQL scripts of sql/ (upstream's create-db.sql, create-pg.sql, data.sql), compiled into the binary
// by CMake (schema.cpp.in) so that the server starts from an empty directory.

namespace demo::schema {
extern const char* const create_db;  // SQLite
extern const char* const create_pg;  // PostgreSQL
extern const char* const data;
}  // namespace demo::schema
