#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Shoal demo: builds what it needs, brings up a lab of 4 servers running shoald behind an
# ECMP router, holds 1000 TCP connections to a VIP, drains a server with shoalctl (progress
# bar), shows the table moving and new traffic shifting, undrains it, prints how many
# connections broke (the real figure), and tears everything down. Run as root.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BUILD=${SHOAL_BUILD_DIR:-$REPO/build}

[[ $(id -u) -eq 0 ]] || { echo "demo: run as root (network namespaces, XDP)" >&2; exit 2; }

bold() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bold "Installing packages and building (skipped when already done)"
bash scripts/install-deps.sh
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target shoald shoalctl shoal-echo shoal-loadgen shoal_noop_bpf

OUT=$(mktemp -d /tmp/shoal-demo.XXXXXX)
cleanup() {
  bold "Tearing the lab down"
  scripts/lab down || true
  rm -rf "$OUT"
}
trap cleanup EXIT

bold "Bringing up the lab: a router with ECMP, 4 servers running shoald (agent), a conductor"
scripts/lab up --build "$BUILD" --servers 4 --clients 1 --force
LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
ctl() { "$BUILD/bin/shoalctl" --socket "$LAB_DIR/run/conductor.sock" "$@"; }
topo() { python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(eval("t"+sys.argv[2]))' "$LAB_DIR/topology.json" "$1"; }
VIP=$(topo '["vips"]["ipv4"][0]')
PORT=$(topo '["ports"]["tcp_echo"]')
SRC=$(topo '["clients"][0]["source_range4"]')
loadgen() { scripts/lab exec client1 "$BUILD/bin/shoal-loadgen" --target "$VIP:$PORT" --source "$SRC" --json "$@"; }

for _ in $(seq 100); do ctl status -o json >/dev/null 2>&1 && break; sleep 0.2; done
ctl status

bold "Holding 1000 TCP connections to $VIP:$PORT for 30 s (each exchanges a message every 200 ms)"
loadgen --mode tcp -n 1000 --interval 200 --duration 30 >"$OUT/held.json" 2>"$OUT/held.err" &
HELD=$!
for _ in $(seq 150); do
  n=$(ctl status -o json | python3 -c 'import json,sys; print(sum(s["established"] or 0 for s in json.load(sys.stdin)["servers"]))')
  ((n >= 1000)) && break
  sleep 0.2
done
ctl status

bold "Planning, then draining srv2: new flows leave it, its established connections stay"
ctl plan drain srv2 || true
GEN=$(ctl status -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')
ctl drain srv2 --wait --timeout 60s || true

bold "The table moved (against generation $GEN), and new connections avoid srv2"
ctl table --diff "$GEN" || true
loadgen --mode tcp-short -n 400 --duration 20 >"$OUT/short.json" 2>/dev/null || true
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("400 new connections landed on:", d["servers"])' "$OUT/short.json"

bold "Undraining srv2: its buckets swap straight back"
ctl undrain srv2
wait "$HELD" || true
ctl status

bold "Result"
python3 - "$OUT/held.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"{d['connections']} connections, {d['broken']} broken "
      f"({d['exchanges']} echo exchanges, answered by {d['servers']})")
PY
