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
# The June 2026 letters: a German national using Fable 5 in the US is a deemed export, licence
# required from 2026-06-12; a US national is not controlled.
ask rules/frontier-2026/base.yaml --model fable-5 --country US --set nationality=DE --use research --date 2026-06-15
ask rules/frontier-2026/base.yaml --model fable-5 --country US --set nationality=US --use research --date 2026-06-15
# From 2026-06-26 Mythos 5 (not Fable 5) is released for Annex A entities and Anthropic staff.
ask rules/frontier-2026/base.yaml --model mythos-5 --country DE --set nationality=DE --set end-user=annex-a-entity --use research --date 2026-06-26
# What-if: the experts' letter, defensive cyber uses for Tier 1 nationals in Tier 1 or the US.
ask rules/frontier-2026/allies-defensive.yaml --model fable-5 --country DE --set nationality=DE --use threat-response --date 2026-12-15
# Closed-weight models are embargoed in Iran; published weights are not subject to the EAR.
ask rules/frontier-2026/base.yaml --model closed-midsize --country IR --use research --date 2026-12-15
# The 2025 AI diffusion rule, while it applied.
ask rules/ai-diffusion-2025/diffusion.yaml --model fable-5 --country IN --use commercial --date 2025-03-01 --explain
