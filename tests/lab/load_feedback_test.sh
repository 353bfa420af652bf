#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The load feedback loop in the lab: agents read their load from files ($LAB_DIR/load/srvK),
# the conductor's load controller runs every second with a 5% move budget. srv2 reports high
# load and loses buckets; its load falls and it gets them back; 400 held TCP connections see
# none of it (0 broken). A server whose load source fails is held, and status and metrics
# say why.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
[[ -x $E2E_BIN/shoald ]] || { echo "FAIL: $E2E_BIN/shoald is missing"; exit 1; }
trap e2e_cleanup EXIT

LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
CONDUCTOR="$LAB_DIR/run/conductor.sock"
# A chain window longer than the test, so no bucket with a live second hop moves twice.
export SHOAL_LAB_CHAIN_WINDOW=5m
export SHOAL_LAB_LOAD_CONTROLLER='{"interval": "1s", "move_budget": 0.05, "dead_band": 0.05,
  "damping": 1, "max_step": 0.5, "stale_after": "5s"}'
set_load() { echo "$2" >"$LAB_DIR/load/$1.tmp" && mv "$LAB_DIR/load/$1.tmp" "$LAB_DIR/load/$1"; }
mkdir -p "$LAB_DIR/load"
for k in 1 2 3 4; do set_load "srv$k" 0.5; done

require "lab up with the load controller on" "$E2E_LAB" up --build "$E2E_BUILD" --servers 4 --clients 1 --force
for k in 1 2 3 4; do set_load "srv$k" 0.5; done  # lab up may have recreated $LAB_DIR

api() { curl -sf --unix-socket "$CONDUCTOR" "http://shoal$1"; }
# status_check PYTHON_EXPR: true when the expression holds for the status JSON `d`, where
# srv(name) is that server's row.
status_check() {
  api /v1/status | python3 -c '
import json, sys
d = json.load(sys.stdin)
srv = lambda name: [s for s in d["servers"] if s["name"] == name][0]
sys.exit(0 if eval(sys.argv[1]) else 1)' "$1"
}
buckets_of() { api /v1/status | python3 -c 'import json,sys; print([s for s in json.load(sys.stdin)["servers"] if s["name"]==sys.argv[1]][0]["buckets"])' "$1"; }

require "every agent applies the first generation" wait_for 30 "generation 1 applied" \
  status_check 'all((s["applied_generation"] or 0) >= 1 for s in d["servers"])'
require "the controller runs and every weight is computed" wait_for 20 "computed weights" \
  status_check 'd["load_controller"]["rounds"] > 0 and all(s["weight_source"] == "computed" and s["load_held"] is None for s in d["servers"])'
equal=$(buckets_of srv2)
echo "  srv2 holds $equal buckets (3 services) at equal load"

e2e_lab_names
vip4=$lab_vip4 tcp_port=$lab_tcp_port src4=$lab_src4
loadgen held client1 --mode tcp --target "$vip4:$tcp_port" -n 400 --source "$src4" --interval 200 --duration 35 &
held=$!
check "400 connections established" wait_for 20 "400 established" \
  status_check 'sum(s["established"] or 0 for s in d["servers"]) >= 400'

set_load srv2 0.9
check "srv2 at 90% load loses buckets (below 3/4 of its share)" wait_for 20 "srv2 losing buckets" \
  status_check "srv('srv2')['buckets'] < 0.75 * $equal and srv('srv2')['utilisation'] == 0.9"
low=$(buckets_of srv2)
echo "  srv2 down to $low buckets"
check "no round moved more than the budget" \
  status_check 'all(s["moved_buckets"] <= s["move_budget"] for s in d["load_controller"]["services"])'

set_load srv2 0.2
check "srv2's load falls to 20%: it gets its buckets back" wait_for 20 "srv2 regaining buckets" \
  status_check "srv('srv2')['buckets'] >= 0.95 * $equal"
set_load srv2 0.5
echo "  srv2 back to $(buckets_of srv2) buckets"

rm -f "$LAB_DIR/load/srv3"
check "srv3's load file is gone: its weight is held, and status says why" wait_for 10 "srv3 held" \
  status_check "'load source failed' in (srv('srv3')['load_held'] or '') and 'cannot open' in srv('srv3')['load_held']"
held_metric() {
  "$E2E_LAB" exec ctl curl -sf http://127.0.0.1:9469/metrics |
    grep -q 'shoal_server_load_held{service="echo-tcp",server="srv3",reason="source_failed"} 1'
}
check "the metrics say srv3's weight is held (source_failed)" wait_for 10 "held metric" held_metric
set_load srv3 0.5

wait "$held"
check "400 held connections, 0 broken, all 4 servers answered" \
  report held --connections 400 --max-broken 0 --min-servers 4
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("load feedback: %d connections, %d broken, %d exchanges" % (d["connections"], d["broken"], d["exchanges"]))' "$E2E_OUT/held.json"
e2e_finish
