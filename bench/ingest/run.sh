#!/usr/bin/env bash
# Ingest load benchmark: one node on loopback, driven by wrk (Debian package), against the full
# ingest path (/api/v1/readings: parse, validate, durable admission, batching, processing) and,
# in the same run, two baselines: the same path acknowledged before the commit reaches the disk
# (/bench/in-memory-ack) and the node's parse-only endpoint (/bench/parse-only).
# Usage: bench/ingest/run.sh [seconds per case, default 15]
# Writes bench/results/ingest.md. wrk and the node share this machine's cores; say so when quoting.
# The node runs secured like any other: wrk sends an API key made for the run (X-Api-Key). The
# per-key and per-device rate limits are lifted, since the benchmark measures the ingest path,
# not the limits.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet publish src/Edgewise.Cli/Edgewise.Cli.csproj -c Release -o artifacts/bench-node -v quiet >/dev/null
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
EDGEWISE_API_KEY=$(artifacts/bench-node/edgewise keys create --data "$data" --name bench 2>/dev/null)
export EDGEWISE_API_KEY
EDGEWISE_Node__BenchmarkEndpoints=true EDGEWISE_Logging__LogLevel__Default=Warning \
  EDGEWISE_Node__Limits__KeyRequestsPerSecond=1000000000 EDGEWISE_Node__Limits__KeyBurst=1000000000 \
  EDGEWISE_Node__Limits__DeviceReadingsPerSecond=1000000000 EDGEWISE_Node__Limits__DeviceBurst=1000000000 \
  artifacts/bench-node/edgewise node --id bench --urls "http://127.0.0.1:$port" --data "$data" \
  --policy local --workers 1 >"$data/node.log" 2>&1 &
node_pid=$!
trap 'kill $node_pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

out=bench/results/ingest.md
mkdir -p bench/results
{
  echo "# Ingest load benchmark"
  echo
  echo "Command: \`bench/ingest/run.sh $seconds\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u +%Y-%m-%d)."
  echo "One node (\`--policy local --workers 1\`), wrk with 2 threads on the same machine: load generator and node share the cores."
  echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other builds on the machine make the figures noisy)."
  echo
} >"$out"

run_case() {
  local title=$1 path=$2 script=$3 connections=$4
  echo "## $title" >>"$out"
  echo '```' >>"$out"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "bench/ingest/$script" "http://127.0.0.1:$port$path" \
    -- "$(echo "$title" | tr -cd 'a-z0-9')" | tee -a "$out"
  echo '```' >>"$out"
  echo >>"$out"
}

# Warm-up, not recorded: every endpoint and body shape, long enough for tiered compilation to
# finish its hot methods (with 3 s the JIT was still a quarter of the node's CPU in the run).
warm() { wrk -t2 -c32 -d"$1"s -s "bench/ingest/$2" "http://127.0.0.1:$port$3" -- "warm$RANDOM" >/dev/null; }
warm 10 single.lua /api/v1/readings
warm 5 single.lua /bench/in-memory-ack
warm 5 single.lua /bench/parse-only
warm 8 batch.lua /api/v1/readings
warm 4 batch.lua /bench/in-memory-ack
warm 4 batch.lua /bench/parse-only

run_case "Single reading per request, durable ingest, 64 connections" /api/v1/readings single.lua 64
run_case "Single reading per request, in-memory acknowledgement, 64 connections" /bench/in-memory-ack single.lua 64
run_case "Single reading per request, parse-only baseline, 64 connections" /bench/parse-only single.lua 64
run_case "Single reading per request, durable ingest, 32 connections" /api/v1/readings single.lua 32
run_case "Single reading per request, durable ingest, 16 connections" /api/v1/readings single.lua 16
run_case "Batches of 100 readings, durable ingest, 16 connections" /api/v1/readings batch.lua 16
run_case "Batches of 100 readings, in-memory acknowledgement, 16 connections" /bench/in-memory-ack batch.lua 16
run_case "Batches of 100 readings, parse-only baseline, 16 connections" /bench/parse-only batch.lua 16
curl -fs -H "X-Api-Key: $EDGEWISE_API_KEY" "http://127.0.0.1:$port/api/v1/stats" >"$data/stats.json"
echo "Node stats after the run: $(cat "$data/stats.json" | head -c 600)" >>"$out"
echo "wrote $out"
