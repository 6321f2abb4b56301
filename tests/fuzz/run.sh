#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan, a tree of their own: build-fuzz) and runs each one
# for a bounded time on a temporary copy of its committed seed corpus. Fails on any crash, sanitizer
# report, failed property, timeout or out-of-memory. The reproducer is kept in the work directory.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 10 s, every target)
#
# Environment: FUZZ_BUILD (build directory, default build-fuzz), FUZZ_JOBS (build jobs, default 2),
# FUZZ_KEEP=1 keeps the work directory (grown corpora, logs) and prints where it is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
shift || true
build="${FUZZ_BUILD:-$root/build-fuzz}"
jobs="${FUZZ_JOBS:-2}"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in "$here"/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

cmake -S "$here" -B "$build" -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++}" >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

work="$(mktemp -d "${TMPDIR:-/tmp}/simpleauth-fuzz.XXXXXX")"
if [ "${FUZZ_KEEP:-0}" != 1 ]; then
    trap 'rm -rf "$work"' EXIT
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
    cp -r "$here/corpus/$t/." "$work/$t/corpus/" 2>/dev/null || true
    dict=()
    if [ -f "$here/$t.dict" ]; then dict=(-dict="$here/$t.dict"); fi
    echo "fuzz: $t for ${seconds}s"
    if "$build/$t" "$work/$t/corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/$t/artifacts/" >"$work/$t/log" 2>&1; then
        grep -E '(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units)' "$work/$t/log" | tr '\n' ' '
        echo
    else
        echo "fuzz: $t FAILED; last lines of its log:"
        tail -n 40 "$work/$t/log"
        ls -l "$work/$t/artifacts"
        failed+=("$t")
        if [ "${FUZZ_KEEP:-0}" != 1 ]; then
            trap - EXIT
            echo "fuzz: reproducers kept in $work/$t/artifacts (run: $build/$t <file>)"
        fi
    fi
done

if [ "${FUZZ_KEEP:-0}" = 1 ]; then echo "fuzz: work directory $work"; fi
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no findings"
