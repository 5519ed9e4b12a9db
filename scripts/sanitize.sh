#!/usr/bin/env bash
# Sanitizer job: the whole test suite built with ASan and UBSan (GCC, -O1,
# no benchmarks, Python module or examples) and run by ctest. Any sanitizer
# report fails the test that triggered it.
#
#   bash scripts/sanitize.sh            # ASAN_BUILD_DIR (default build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${ASAN_BUILD_DIR:-build-asan}"
bash scripts/deps.sh

start=$(date +%s)
# Debug keeps assertions on; -O1 keeps the build and the run fast enough for CI.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCLEARANCE_SANITIZE=ON -DCLEARANCE_BUILD_TESTS=ON -DCLEARANCE_BUILD_BENCH=OFF \
  -DCLEARANCE_BUILD_PYTHON=OFF -DCLEARANCE_BUILD_EXAMPLES=OFF -DCLEARANCE_INSTALL=OFF >/dev/null
cmake --build "$build" -j2 --target clearance_tests clearance_cli
echo "sanitizer build: $(( $(date +%s) - start )) s"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir "$build" --output-on-failure -j2
echo "sanitizer job: $(( $(date +%s) - start )) s"
