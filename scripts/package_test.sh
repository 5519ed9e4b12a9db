#!/usr/bin/env bash
# Packaging test: installs clearance into a temporary prefix, then builds and
# runs examples/consumer against the installed files only: with CMake's
# find_package (shared and static library, C++ and C) and with pkg-config
# (C, shared and static). Also checks the installed layout: headers free of
# dependency headers, the versioned soname, the CLI, the Python module.
#
# Uses the build in ${BUILD_DIR:-build} (configuring and building it when
# needed); everything else happens in a temporary folder, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build="${BUILD_DIR:-build}"
policy="$repo/rules/frontier-2026/base.yaml"

if [ ! -f "$build/CMakeCache.txt" ]; then
  bash scripts/build.sh
else
  cmake --build "$build" -j2 >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/clearance-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
echo "installed into $prefix"

fail() { echo "package_test: FAIL: $*" >&2; exit 1; }
expect() {  # expect NAME PATTERN OUTPUT
  grep -q -- "$2" <<<"$3" || fail "$1: output lacks '$2':"$'\n'"$3"
  echo "ok: $1"
}

# --- the installed layout -------------------------------------------------
libdir=$(dirname "$(find "$prefix" -name 'libclearance.so' | head -n1)")
[ -n "$libdir" ] && [ -d "$libdir" ] || fail "no libclearance.so installed"
for f in include/clearance/clearance.h include/clearance/policy.hpp include/clearance/engine.hpp \
         include/clearance/version.hpp bin/clearance; do
  [ -e "$prefix/$f" ] || fail "missing $f"
done
[ -f "$libdir/libclearance.a" ] || fail "missing libclearance.a"
[ -f "$libdir/cmake/clearance/clearanceConfig.cmake" ] || fail "missing the CMake package"
[ -f "$libdir/pkgconfig/clearance.pc" ] || fail "missing clearance.pc"
soname=$(objdump -p "$libdir/libclearance.so" | awk '/SONAME/ {print $2}')
[ -n "$soname" ] && [ -e "$libdir/$soname" ] || fail "soname '$soname' is not installed"
[[ "$soname" =~ ^libclearance\.so\.[0-9]+ ]] || fail "unversioned soname '$soname'"
echo "ok: layout (soname $soname)"
if grep -rlE '#include *[<"](yaml-cpp|boost|nlohmann|openssl)/' "$prefix/include/clearance"; then
  fail "a public header includes a dependency's header"
fi
echo "ok: public headers include no dependency headers"
expect "installed CLI" "ALLOW\|DENY" \
  "$("$prefix/bin/clearance" check "$policy" --model fable-5 --country US --use research --date 2026-12-15 || true)"

# --- CMake: find_package(clearance CONFIG REQUIRED) -----------------------
cmake -S examples/consumer -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "consumer configure"; }
cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "consumer build"; }
[ -x "$work/consumer/consumer_cpp_static" ] || fail "clearance::clearance_static was not provided"
for exe in consumer_cpp consumer_cpp_static; do
  out=$("$work/consumer/$exe" "$policy") || fail "$exe exited $?"
  expect "cmake $exe" '"decisive":\["bis-letter-2026-06-12"\]' "$out"
  expect "cmake $exe rejects a bad query" "rejected: unknown value 'Germany'" "$out"
done
ldd "$work/consumer/consumer_cpp" | grep -q "libclearance.so" || fail "consumer_cpp is not linked to the shared library"
out=$("$work/consumer/consumer_c" "$policy") || fail "consumer_c exited $?"
expect "cmake consumer_c" "allow fable-5 to US for research" "$out"

# --- pkg-config ------------------------------------------------------------
export PKG_CONFIG_PATH="$libdir/pkgconfig"
version=$(sed -n 's/^#define CLEARANCE_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/clearance/version.hpp")
[ "$(pkg-config --modversion clearance)" = "$version" ] || fail "clearance.pc says $(pkg-config --modversion clearance), the headers $version"
cc -std=c99 -Wall -Werror examples/consumer/consumer.c -o "$work/pc_c" \
  $(pkg-config --cflags --libs clearance) -Wl,-rpath,"$libdir"
out=$("$work/pc_c" "$policy") || fail "pkg-config consumer exited $?"
expect "pkg-config shared C" "\"effect\":\"deny\"" "$out"
# The static archive with the private libraries pkg-config lists for it.
static_libs=$(pkg-config --libs --static clearance | sed 's/-lclearance//')
cc -std=c99 examples/consumer/consumer.c -o "$work/pc_c_static" $(pkg-config --cflags clearance) \
  "$libdir/libclearance.a" $static_libs
ldd "$work/pc_c_static" | grep -q libclearance && fail "the static build linked the shared library"
out=$("$work/pc_c_static" "$policy") || fail "pkg-config static consumer exited $?"
expect "pkg-config static C" "\"effect\":\"deny\"" "$out"

# --- Python, when the module was built --------------------------------------
# The package clearance/ holds the extension _clearance.cpython-*.so.
module=$(find "$prefix" -path '*/clearance/_clearance.cpython-*.so' | head -n1)
if [ -n "$module" ]; then
  out=$(PYTHONPATH=$(dirname "$(dirname "$module")") /usr/bin/python3 examples/python/decide.py "$policy") ||
    fail "the installed Python module failed"
  expect "installed Python module" "rejected: unknown value 'Germany'" "$out"
else
  echo "skip: Python module not built"
fi
echo "package_test: all passed"
