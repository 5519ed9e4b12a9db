#!/usr/bin/env bash
# Throughput of `clearance serve` with wrk, beside `clearance batch` on the
# same queries in the same run (bench/README.md, "clearance serve").
#
#   CLEARANCE_WITH_WRK=1 bash scripts/deps.sh     # wrk and curl
#   bash bench/serve.sh [BUILD_DIR] [SECONDS]       # defaults: build, 10
#
# Policy: rules/frontier-2026/base.yaml. Queries: 10 000 random (model,
# country, use) of its values, fixed seed. Everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
seconds="${2:-10}"
cli="$build/src/clearance"
policy=rules/frontier-2026/base.yaml
command -v wrk >/dev/null || { echo "wrk is missing: CLEARANCE_WITH_WRK=1 bash scripts/deps.sh" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$cli" serve "$policy" --listen 127.0.0.1:0 --threads 2 >"$work/address" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/address" ] && break; sleep 0.1; done
address=$(head -1 "$work/address")
[ -n "$address" ] || { cat "$work/stderr" >&2; exit 2; }
url="http://$address"

# Queries from the served policy's own values.
curl -s "$url/v1/policy" | python3 -c '
import json, random, sys
policy = json.load(sys.stdin)
dims = {d["name"]: d["values"] for d in policy["dimensions"]}
rng = random.Random(16)
with open(sys.argv[1], "w") as out:
    for _ in range(10000):
        out.write(json.dumps({name: rng.choice(values) for name, values in dims.items()}, separators=(",", ":")) + "\n")
' "$work/queries.jsonl"
head -1000 "$work/queries.jsonl" >"$work/batch-body.jsonl"

cat >"$work/decide.lua" <<LUA
local bodies = {}
for line in io.lines("$work/queries.jsonl") do bodies[#bodies + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/v1/decide", nil, bodies[i])
end
LUA
cat >"$work/batch.lua" <<LUA
local f = io.open("$work/batch-body.jsonl", "rb")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-ndjson"
wrk.body = f:read("*a")
f:close()
wrk.path = "/v1/batch"
LUA
sed 's#"/v1/batch"#"/v1/batch?trace=none"#' "$work/batch.lua" >"$work/batch-none.lua"

echo "== clearance batch (same 10 000 queries x 20, --threads 2)"
for _ in $(seq 20); do cat "$work/queries.jsonl"; done >"$work/queries-200k.jsonl"
start=$(date +%s.%N)
"$cli" batch "$policy" --input "$work/queries-200k.jsonl" --threads 2 >/dev/null || true
end=$(date +%s.%N)
python3 -c "print(f'clearance batch: {200000 / ($end - $start):,.0f} decisions/s')"

echo "== /v1/decide, keep-alive, wrk -t2 -c16 ${seconds}s"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/decide.lua" "$url" | tee "$work/decide.out"
echo "== /v1/decide, keep-alive, wrk -t2 -c8 ${seconds}s (lower concurrency)"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$work/decide.lua" "$url" | tee "$work/decide-c8.out"
echo "== /v1/batch, 1 000 lines a request, wrk -t2 -c4 ${seconds}s"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/batch.lua" "$url" | tee "$work/batch.out"
echo "== /v1/batch?trace=none, 1 000 lines a request, wrk -t2 -c4 ${seconds}s"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$work/batch-none.lua" "$url" | tee "$work/batch-none.out"
python3 - "$work/decide.out" "$work/batch.out" "$work/decide-c8.out" "$work/batch-none.out" <<'PY'
import re, sys
def rate(path):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", open(path).read()).group(1))
def p99(path):
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", open(path).read())
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
print(f"/v1/decide: {rate(sys.argv[1]):,.0f} decisions/s, p99 {p99(sys.argv[1]):.2f} ms (targets: 50 000/s, 2 ms)")
print(f"/v1/decide, 8 connections: {rate(sys.argv[3]):,.0f} decisions/s, p99 {p99(sys.argv[3]):.2f} ms")
print(f"/v1/batch:  {rate(sys.argv[2]) * 1000:,.0f} decisions/s (target: 1 000 000/s)")
print(f"/v1/batch?trace=none: {rate(sys.argv[4]) * 1000:,.0f} decisions/s")
PY
