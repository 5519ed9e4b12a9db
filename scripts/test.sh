#!/usr/bin/env bash
# Builds everything and runs the whole test suite; non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DCLEARANCE_BUILD_TESTS=ON -DCLEARANCE_BUILD_BENCH=ON "$@"
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j2
