#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shoal's promise in the lab, with shoald on every server and a conductor: 1000 long-lived
# TCP connections (IPv4) and 500 (IPv6) keep working while a server is drained, undrained and
# reweighted; every agent applies each generation; broken == 0.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
[[ -x $E2E_BIN/shoald ]] || { echo "FAIL: $E2E_BIN/shoald is missing"; exit 1; }
trap e2e_cleanup EXIT

LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
CONDUCTOR="$LAB_DIR/run/conductor.sock"
require "lab up with shoald on 4 servers and a conductor" "$E2E_LAB" up --build "$E2E_BUILD" --servers 4 --clients 1 --force

api() { curl -sf --unix-socket "$CONDUCTOR" -X "$1" "http://shoal$2"; }
# applied GEN: every agent reports it has applied generation GEN or later.
applied() {
  api GET /v1/status | python3 -c '
import json, sys
d = json.load(sys.stdin); g = int(sys.argv[1])
sys.exit(0 if all((s["applied_generation"] or 0) >= g for s in d["servers"]) else 1)' "$1"
}
generation_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'; }

require "every agent applies the first generation" wait_for 30 "generation 1 applied" applied 1

vip4=$(topology '["vips"]["ipv4"][0]')
vip6=$(topology '["vips"]["ipv6"][0]')
tcp_port=$(topology '["ports"]["tcp_echo"]')
src4=$(topology '["clients"][0]["source_range4"]')
src6=$(topology '["clients"][0]["source_range6"]')

loadgen held4 client1 --mode tcp --target "$vip4:$tcp_port" -n 1000 --source "$src4" --interval 200 --duration 40 &
held4=$!
loadgen held6 client1 --mode tcp --target "[$vip6]:$tcp_port" -n 500 --source "$src6" --interval 200 --duration 40 &
held6=$!
established() { api GET /v1/status | python3 -c 'import json,sys; print(sum(s["established"] or 0 for s in json.load(sys.stdin)["servers"]))'; }
enough_established() { (( $(established) >= 1500 )); }
check "1500 connections established across the servers" wait_for 30 "1500 established" enough_established

# step WHAT METHOD PATH [BODY]: an operator change, applied by every agent before the next.
step() {
  local what=$1 method=$2 path=$3 body=${4:-}
  local gen
  if [[ -n $body ]]; then
    gen=$(curl -sf --unix-socket "$CONDUCTOR" -X "$method" -H 'Content-Type: application/json' -d "$body" "http://shoal$path" | generation_of)
  else
    gen=$(api "$method" "$path" | generation_of)
  fi
  check "$what (generation $gen) applied by every agent" wait_for 20 "generation $gen" applied "$gen"
  sleep 3  # let traffic run on the new table before the next change
}
step "drain srv2" POST /v1/servers/srv2/drain
drained_buckets() { api GET /v1/status | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if [s for s in d["servers"] if s["name"]=="srv2"][0]["buckets"] == 0 else 1)'; }
check "srv2 holds no buckets while drained" drained_buckets
step "undrain srv2" POST /v1/servers/srv2/undrain
step "weight srv3 to 50" PUT /v1/servers/srv3/weight '{"weight": 50}'
step "clear srv3's manual weight" DELETE /v1/servers/srv3/weight

wait "$held4"; wait "$held6"
check "IPv4: 1000 held connections, 0 broken, all 4 servers answered" \
  report held4 --connections 1000 --max-broken 0 --min-servers 4
check "IPv6: 500 held connections, 0 broken" report held6 --connections 500 --max-broken 0 --min-servers 4
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("continuity: %d connections, %d broken, %d exchanges" % (d["connections"], d["broken"], d["exchanges"]))' "$E2E_OUT/held4.json"
e2e_finish
