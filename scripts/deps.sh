#!/usr/bin/env bash
# Installs the Debian 12 packages clearance needs, when any is missing.
# Idempotent; uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libyaml-cpp-dev libboost-dev nlohmann-json3-dev libcli11-dev libssl-dev libxxhash-dev
  catch2 libbenchmark-dev
  python3 python3-dev pybind11-dev python3-yaml python3-setuptools python3-pip
  python3-distributed  # optional: clearance.distributed and its test (skipped without it)
)
if [ "${CLEARANCE_WITH_CLANG:-0}" = 1 ]; then packages+=(clang-14 libclang-rt-14-dev); fi
# bench/serve.sh drives `clearance serve` with wrk.
if [ "${CLEARANCE_WITH_WRK:-0}" = 1 ]; then packages+=(wrk curl); fi
# CI renders every HTML/SVG report in headless Chromium (ctest "reports: ...";
# skipped where it is missing).
if [ "${CLEARANCE_WITH_CHROMIUM:-0}" = 1 ]; then packages+=(chromium); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
