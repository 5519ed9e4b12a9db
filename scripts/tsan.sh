#!/usr/bin/env bash
# ThreadSanitizer job: builds the library with -fsanitize=thread, then the
# engine and C API tests against it, and runs them: the hot-reload stress
# tests (deciding threads while the policy is reloaded hundreds of times, in
# C++ and through the C API) and the many-threads C API test. Any data race
# fails the job.
#
# Only the library goes through CMake (into ${TSAN_BUILD_DIR:-build-tsan});
# the two test files are compiled directly so the job stays a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
repo=$(pwd)
build="${TSAN_BUILD_DIR:-build-tsan}"
flags="-fsanitize=thread -fno-omit-frame-pointer -O1 -g"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
  -DCLEARANCE_BUILD_TESTS=OFF -DCLEARANCE_BUILD_BENCH=OFF -DCLEARANCE_BUILD_PYTHON=OFF \
  -DCLEARANCE_BUILD_EXAMPLES=OFF -DCLEARANCE_INSTALL=OFF >/dev/null
cmake --build "$build" -j2 --target clearance

launcher=$(command -v ccache || true)
objects=()
for source in tests/main.cpp tests/api/engine_test.cpp tests/capi/clearance_c_test.cpp tests/capi/engine_c_test.cpp; do
  object="$build/tsan_$(basename "$source" .cpp).o"
  $launcher c++ -std=c++20 $flags -I"$repo/include" -I"$build/include" -I"$repo/src" \
    -DCLEARANCE_SOURCE_DIR="\"$repo\"" -c "$source" -o "$object"
  objects+=("$object")
done
c++ -fsanitize=thread -o "$build/clearance_tsan_tests" "${objects[@]}" \
  "$build/src/libclearance.a" -lyaml-cpp -lcrypto -pthread

# halt_on_error: the first race ends the run with a non-zero exit.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
log="$build/tsan.log"
if ! "$build/clearance_tsan_tests" "[engine],[capi]" --durations yes >"$log" 2>&1; then
  cat "$log"
  echo "tsan: FAILED (a data race or a failing test, above)" >&2
  exit 1
fi
grep -E "whole versions|All tests passed|test cases" "$log"
echo "tsan: no data race in the engine and C API tests"
