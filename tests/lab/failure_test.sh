#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A server fails, two ways: its services die (shoal-echo killed), then another's link goes
# down. Each time the conductor marks it down within its health checks' fall time, every new
# connection afterwards succeeds (none lands on the dead server), only connections that were on
# the dead server break, and once it is back (rise) it takes buckets again.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
trap e2e_cleanup EXIT

e2e_lab_up 4
require "the conductor sees all 4 servers up" wait_for 20 "4 servers up" servers_up 4

vip4=$lab_vip4 tcp_port=$lab_tcp_port src4=$lab_src4
# The lab's checks: every 500 ms, timeout 250 ms, fall 3, rise 2 (scripts/lib/lab_daemon_config.sh).
# Marked down at most fall * interval + timeout + jitter after the failure, plus one rebuild (1 s):
# 2.8 s; the bound below allows for a busy 2-core machine.
DOWN_WITHIN=6

# Polled every 0.1 s, so kept to curl and jq (a Python start is slow on a busy machine); jq
# reads server entries that hold objects of their own (the fabric MTU report), as a grep cannot.
is_down() {
  api GET /v1/status | jq -e --arg name "$1" \
    '.servers[] | select(.name == $name) | .health == "down" and .buckets == 0' >/dev/null
}
is_up() { [[ $(server_field "$1" health) == up ]] && (($(server_field "$1" buckets) > 0)); }
current_generation() { api GET /v1/status | json 'd["generation"]'; }

# fails SERVER HOW...: runs the failure HOW, checks SERVER is marked down in time and that new
# connections afterwards all succeed elsewhere.
fails() {
  local server=$1; shift
  local started gen
  check "$server fails: $*" "$@"
  started=$EPOCHREALTIME
  check "the conductor marks $server down and moves its buckets within ${DOWN_WITHIN}s" \
    wait_for "$DOWN_WITHIN" "$server down" is_down "$server"
  printf '  %s marked down %.1fs after the failure\n' "$server" "$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {print b - a}')"
  gen=$(current_generation)
  check "generation $gen applied by every agent" wait_for 20 "generation $gen" applied "$gen"
  check "1000 new connections after $server's failure: all succeed, none on $server" \
    loadgen_ok "new-after-$server" client1 --mode tcp-short --target "$vip4:$tcp_port" --source "$src4" \
    -n 1000 --duration 60 -- --connections 1000 --min-servers 2
  check "  and none of them landed on $server" python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); sys.exit(1 if sys.argv[2] in d["servers"] else 0)' \
    "$E2E_OUT/new-after-$server.json" "$server"
}

# held NAME: 400 long-lived connections in the background; sets HELD_PID.
held() {
  loadgen "$1" client1 --mode tcp --target "$vip4:$tcp_port" --source "$src4" -n 400 \
    --interval 200 --duration 300 &
  HELD_PID=$!
  check "400 held connections established" wait_for 30 "400 established" at_least_established 400
}

# only_broken_on NAME SERVER: the held run's broken connections were all on SERVER.
only_broken_on() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); dead = sys.argv[2]
others = {s: n for s, n in d["broken_by_server"].items() if s != dead}
print("  broken %d of %d: %s (the dead server %s had %d)" % (d["broken"], d["established"],
      d["broken_by_server"], dead, d["servers"].get(dead, 0)))
sys.exit(1 if others or d["failed"] else 0)' "$E2E_OUT/$1.json" "$2"
}

# --- 1. srv2's services die ---
held services
fails srv2 "$E2E_LAB" stop echo-srv2 --kill
stop_loadgens "$HELD_PID"
check "held connections: only those on srv2 broke" only_broken_on services srv2
check "srv2's services come back" "$E2E_LAB" start echo-srv2
check "the conductor marks srv2 up and gives it buckets again" wait_for 15 "srv2 up" is_up srv2

# --- 2. srv3's link goes down ---
held link
fails srv3 "$E2E_LAB" link srv3 down
stop_loadgens "$HELD_PID"
check "held connections: only those on srv3 broke" only_broken_on link srv3
check "srv3's link comes back" "$E2E_LAB" link srv3 up
check "the conductor marks srv3 up and gives it buckets again" wait_for 15 "srv3 up" is_up srv3
gen=$(current_generation)
check "generation $gen applied by every agent" wait_for 20 "generation $gen" applied "$gen"
check "after the recovery, 1000 new connections all succeed on all 4 servers" \
  loadgen_ok recovered client1 --mode tcp-short --target "$vip4:$tcp_port" --source "$src4" \
  -n 1000 --duration 60 -- --connections 1000 --min-servers 4
e2e_finish
