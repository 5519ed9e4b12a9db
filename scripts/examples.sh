#!/usr/bin/env bash
# Regenerates examples/what-if/: each what-if of rules/frontier-2026/
# (allies-defensive, a5-defensive-research, hawks, full-lift) diffed against
# base.yaml in every format of `clearance diff` but CSV, on 2027-01-01 and on
# every date (--all-dates), plus a folded decision matrix of each for fable-5
# used by a German national, and a decision log replayed under allies-defensive.
# Uses ${CLEARANCE:-${BUILD_DIR:-build}/src/clearance}, building it when missing.
# The tests compare these files with the CLI's output, so rerun this script
# after changing a renderer or a shipped rule set.
set -euo pipefail
cd "$(dirname "$0")/.."
clearance="${CLEARANCE:-${BUILD_DIR:-build}/src/clearance}"
if [ ! -x "$clearance" ]; then
  bash scripts/build.sh -DCLEARANCE_BUILD_TESTS=OFF -DCLEARANCE_BUILD_BENCH=OFF
fi
date=2027-01-01
out=examples/what-if
mkdir -p "$out"

# `clearance diff` exits 1 when something changed: only 2 is a failure.
run() {
  local target=$1
  shift
  local code=0
  "$clearance" "$@" > "$target" || code=$?
  if [ "$code" -ge 2 ]; then
    echo "failed: clearance $*" >&2
    exit 1
  fi
}

for scenario in allies-defensive a5-defensive-research hawks full-lift; do
  # No CSV: it has one row per changed query, and with five dimensions that is up to
  # millions of rows (`clearance diff ... --format csv` on demand).
  for format in text markdown json html; do
    case $format in text) ext=txt ;; markdown) ext=md ;; *) ext=$format ;; esac
    run "$out/$scenario.$ext" diff rules/frontier-2026/base.yaml "rules/frontier-2026/$scenario.yaml" \
      --date "$date" --format "$format"
    run "$out/$scenario.all-dates.$ext" diff rules/frontier-2026/base.yaml "rules/frontier-2026/$scenario.yaml" \
      --all-dates --format "$format"
  done
  for format in svg html; do
    run "$out/$scenario.matrix.$format" matrix "rules/frontier-2026/$scenario.yaml" \
      --rows country --cols use --where model=fable-5 --where nationality=DE --date "$date" --fold --format "$format"
  done
done
# A decision log as `clearance batch` writes it (decisions under base.yaml on
# two dates), with one record from a newer model list and a truncated last
# line, replayed under allies-defensive in every format.
queries=$(mktemp)
trap 'rm -f "$queries"' EXIT
id=0
for day in 2026-12-15 2027-03-01; do
  for model in fable-5 mythos-5 open-frontier closed-midsize; do
    for country in DE JP CN BR US IR; do
      nationality=$country
      for use in intrusion-detection research; do
        id=$((id + 1))
        printf '{"id": %d, "model": "%s", "country": "%s", "nationality": "%s", "use": "%s", "date": "%s"}\n' \
          "$id" "$model" "$country" "$nationality" "$use" "$day" >> "$queries"
      done
    done
  done
done
log="$out/decisions.jsonl"
"$clearance" batch rules/frontier-2026/base.yaml --input "$queries" > "$log"
sed -i '7s/"model":"fable-5"/"model":"nova-9"/' "$log"
head -c 120 "$out/decisions.jsonl" | head -n 1 >> "$log"
echo >> "$log"
for format in text json csv html; do
  case $format in text) ext=txt ;; *) ext=$format ;; esac
  run "$out/replay-allies-defensive.$ext" replay "$log" rules/frontier-2026/allies-defensive.yaml --format "$format"
done
# Screenshots of the HTML and SVG reports as headless Chromium draws them
# (when it is installed; the README shows them).
shot() {
  local profile
  profile=$(mktemp -d)
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" --window-size="$2" \
    --screenshot="$out/$1.png" "file://$PWD/$out/$1" > /dev/null 2>&1
  rm -rf "$profile"
}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium" ]; then
  shot allies-defensive.html 1280,1500
  shot hawks.all-dates.html 1280,1500
  shot allies-defensive.matrix.html 1000,560
  # The SVG at its own size.
  svg_size=$(grep -o -m1 'width="[0-9]*" height="[0-9]*"' "$out/allies-defensive.matrix.svg" | tr -dc '0-9 ' | tr ' ' ,)
  shot allies-defensive.matrix.svg "$svg_size"
else
  echo "no chromium: screenshots not refreshed" >&2
fi
echo "wrote $(ls "$out" | grep -vc README) files to $out/"
