#!/usr/bin/env bash
# Fuzzing job: builds the libFuzzer targets of fuzz/ with clang-14 under ASan
# and UBSan, replays the saved crash inputs of tests/data/regressions, then
# runs each target for SECONDS (default 60) from seeds built from rules/ and
# tests/data. Any crash, leak, timeout, out-of-memory or sanitizer report
# fails the job; the input that caused it is kept under the build folder and
# belongs, once fixed, in tests/data/regressions/<target>/.
#
#   bash scripts/fuzz.sh [SECONDS]     # FUZZ_BUILD_DIR (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
CLEARANCE_WITH_CLANG=1 bash scripts/deps.sh

start=$(date +%s)
# Debug keeps assertions on (an assertion is a bug the fuzzer should find).
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
  -DCLEARANCE_FUZZ=ON -DCLEARANCE_SANITIZE=ON \
  -DCLEARANCE_BUILD_TESTS=OFF -DCLEARANCE_BUILD_BENCH=OFF -DCLEARANCE_BUILD_PYTHON=OFF \
  -DCLEARANCE_BUILD_EXAMPLES=OFF -DCLEARANCE_INSTALL=OFF >/dev/null
cmake --build "$build" -j2 --target fuzzers
echo "fuzz build: $(( $(date +%s) - start )) s"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

ctest --test-dir "$build" -R fuzz_regressions --output-on-failure

seeds="$build/fuzz-seeds"
rm -rf "$seeds"
python3 fuzz/make_seeds.py . "$seeds"

declare -A dict=([load_policy]=policy [test_file]=policy [expression]=expression [batch_line]=batch [serve_request]=http [snapshot]=policy)
declare -A max_len=([load_policy]=65536 [test_file]=65536 [expression]=4096 [batch_line]=8192 [serve_request]=16384 [snapshot]=65536)
summary="$build/fuzz-summary.txt"
: >"$summary"
failed=0
for target in load_policy expression batch_line test_file serve_request snapshot; do
  work="$build/fuzz-work/$target"
  mkdir -p "$work/corpus" "$work/artifacts" "$seeds/$target"
  inputs=("$work/corpus" "$seeds/$target")
  for extra in "fuzz/seeds/$target" "tests/data/regressions/$target"; do
    [ -d "$extra" ] && inputs+=("$extra")
  done
  set +e
  "$build/fuzz/${target}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="${max_len[$target]}" -dict="fuzz/${dict[$target]}.dict" \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 "${inputs[@]}" >"$work/log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  line="$target: ${runs:-?} executions in ${seconds} s, exit $status"
  echo "$line" | tee -a "$summary"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "--- $target failed; last lines of $work/log:" >&2
    tail -40 "$work/log" >&2
    ls -l "$work/artifacts" >&2
  fi
done
echo "fuzzing total: $(( $(date +%s) - start )) s"
exit "$failed"
