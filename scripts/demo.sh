#!/usr/bin/env bash
# The main job: build, then decide a handful of seed queries on the shipped
# rules, printing each decision with its justification.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DCLEARANCE_BUILD_TESTS=OFF -DCLEARANCE_BUILD_BENCH=OFF
clearance="${BUILD_DIR:-build}/src/clearance"

ask() {
  echo "\$ clearance check $*"
  "$clearance" check "$@" || true
  echo
}
ask rules/frontier-2026/base.yaml --model fable-5 --country US --use research --date 2026-12-15
ask rules/frontier-2026/base.yaml --model fable-5 --country DE --use threat-response --date 2026-12-15
ask rules/frontier-2026/allies-defensive.yaml --model fable-5 --country DE --use threat-response --date 2026-12-15
ask rules/frontier-2026/base.yaml --model open-frontier --country IR --use research --date 2026-12-15
ask rules/ai-diffusion-2025/diffusion.yaml --model fable-5 --country IN --use commercial --date 2025-03-01 --explain
