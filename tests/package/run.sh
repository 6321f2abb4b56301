#!/bin/sh
# ctest package_out_of_tree: `cmake --install` into a temporary prefix, then tests/package/consumer
# configured with find_package(SimpleAuth) against that prefix, built, and run with --routes; the
# installed simpleauth.pc must resolve with pkg-config; then the README's first service is built the same
# way, run, and its OpenAPI document must list its secured route (readme_service.py).
# usage: run.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" >"$work/install.log"
for f in include/simpleauth/app.hpp include/simpleauth/version.hpp lib/libsimpleauth.a \
         lib/cmake/SimpleAuth/SimpleAuthConfig.cmake lib/pkgconfig/simpleauth.pc bin/simpleauth; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f"; ls -R "$prefix"; exit 1; }
done

cmake -S "$here/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
      >"$work/configure.log" || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/consumer" -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
routes=$("$work/consumer/consumer" --routes)
echo "$routes"
echo "$routes" | grep -q '^GET  *[/]hello  *OPEN' || { echo "the consumer's route is missing"; exit 1; }

version=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --modversion simpleauth)
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs simpleauth)
echo "pkg-config: simpleauth $version: $flags"
echo "$flags" | grep -q -- "-L$prefix/lib -lsimpleauth" || { echo "simpleauth.pc: wrong Libs"; exit 1; }

# the README's "A first service", its files as the README shows them, built against the same prefix
/usr/bin/python3 "$here/readme_service.py" --root "$here/../.." --prefix "$prefix" --work "$work/readme"
echo "package_out_of_tree: OK"
