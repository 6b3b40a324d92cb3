#!/usr/bin/env bash
# MQTT ingest benchmark: one node taking readings from a real Mosquitto broker (Debian package) on
# loopback at QoS 1, driven by bench/Edgewise.MqttLoad. A message counts when the node's stats say
# its readings are durable (acknowledged to the broker only after the store committed them).
# Usage: bench/mqtt/run.sh [single-reading messages, default 200000] [batched messages, default 20000]
# Writes bench/results/mqtt.md. Broker, node and load share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
singles=${1:-200000}
batches=${2:-20000}
[ -x /usr/sbin/mosquitto ] || { apt-get update -qq && apt-get install -y -qq --no-install-recommends mosquitto >/dev/null; }

dotnet publish src/Edgewise.Cli/Edgewise.Cli.csproj -c Release -o artifacts/bench-node -v quiet >/dev/null
dotnet publish bench/Edgewise.MqttLoad/Edgewise.MqttLoad.csproj -c Release -o artifacts/mqtt-load -v quiet >/dev/null
data=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
mqtt_port=$(free_port)
port=$(free_port)
cat >"$data/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 0
max_queued_messages 0
set_tcp_nodelay true
CONF
# The node runs secured like any other; the load tool reads its stats with a key made for the run.
EDGEWISE_API_KEY=$(artifacts/bench-node/edgewise keys create --data "$data/node" --name bench 2>/dev/null)
export EDGEWISE_API_KEY
/usr/sbin/mosquitto -c "$data/mosquitto.conf" >"$data/mosquitto.log" 2>&1 &
broker_pid=$!
EDGEWISE_Logging__LogLevel__Default=Warning \
  artifacts/bench-node/edgewise node --id bench --urls "http://127.0.0.1:$port" --data "$data/node" \
  --policy local --workers 1 --mqtt "mqtt://127.0.0.1:$mqtt_port" >"$data/node.log" 2>&1 &
node_pid=$!
trap 'kill $node_pid $broker_pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
sleep 1 # the node subscribes in the background after it is healthy

load() { artifacts/mqtt-load/Edgewise.MqttLoad "mqtt://127.0.0.1:$mqtt_port" "http://127.0.0.1:$port" "$@"; }
load 5000 1 >/dev/null # warm-up, not recorded

out=bench/results/mqtt.md
mkdir -p bench/results
{
  echo "# MQTT ingest benchmark"
  echo
  echo "Command: \`bench/mqtt/run.sh $singles $batches\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u +%Y-%m-%d)."
  echo "Mosquitto $(/usr/sbin/mosquitto -h | head -1 | awk '{print $3}') on loopback, one node (\`--policy local --workers 1\`) subscribed at QoS 1 in a shared group,"
  echo "one publisher at QoS 1 with 256 publishes in flight; broker, node and publisher share the cores."
  echo "A run ends when the node's stats count every reading as received, that is durable in its store."
  echo
  echo "- Single-reading messages: $(load "$singles" 1)"
  echo "- Batched messages of 100 readings: $(load "$batches" 100)"
} >"$out"
cat "$out"
