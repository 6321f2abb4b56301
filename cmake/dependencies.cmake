# Debian 12 packages only (scripts/install-deps installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
find_package(OpenSSL REQUIRED)
pkg_check_modules(XCRYPT REQUIRED IMPORTED_TARGET libxcrypt)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)            # FSA_CACHE=redis
pkg_check_modules(LIBMEMCACHED REQUIRED IMPORTED_TARGET libmemcached)  # FSA_CACHE=memcached
find_package(spdlog REQUIRED)
