#!/usr/bin/env bash
# REQ-JWT-04, REQ-FSA-02: secrets (signatures, MACs, digests, hashes) are compared in constant time
# (CRYPTO_memcmp through constant_time_equal), never with ==, memcmp or std::string::compare.
# This fails when a comparison of that shape appears in the sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
pattern='(^|[^_A-Za-z])memcmp[[:space:]]*\(|\b(sig|signature|mac|tag|digest|expected|response|hash)[A-Za-z_]*[[:space:]]*(==|!=)|(==|!=)[[:space:]]*(sig|signature|mac|tag|digest|expected|response|hash)[A-Za-z_]*\b|\b(sig|signature|mac|tag|digest|hash)[A-Za-z_]*\.compare\('
# a false positive carries "// not a secret" on its line or on the line above
if grep -rnE -B1 "$pattern" src/ | grep -v 'CRYPTO_memcmp' | awk '
    /^[^:]+:[0-9]+:/ { if (!skip && $0 !~ /\/\/ not a secret/) print; skip = 0; next }
    /\/\/ not a secret/ { skip = 1; next }
    { skip = 0 }' | grep .; then
    echo "constant_time.sh: compare secrets with constant_time_equal (or mark a false positive '// not a secret')"
    exit 1
fi
echo "no variable-time comparison of secrets in src/"
