#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shoal's promise in the lab, with shoald on every server and a conductor: 1000 long-lived TCP
# connections over IPv4 and 500 over IPv6, and 300 UDP sessions (connected sockets on the
# servers), keep working while, one after another: a server is drained (shoalctl drain --wait
# with a timeout), undrained and reweighted; a server is added; an agent is killed with SIGKILL
# and restarted; the conductor is killed and restarted; a second move of buckets that moved
# moments ago is requested (the churn guard holds it until the chain window has passed, and
# past it holds the buckets where the old owner still has connections); and a table with many
# moved buckets is applied. broken == 0, and the count is printed.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
trap e2e_cleanup EXIT

CHAIN_WINDOW=12  # seconds; the lab config's chain window (the churn guard's W)
export SHOAL_LAB_CHAIN_WINDOW="${CHAIN_WINDOW}s"
e2e_lab_up 4
vip4=$lab_vip4 vip6=$lab_vip6 tcp_port=$lab_tcp_port session_port=$lab_session_port
src4=$lab_src4 src6=$lab_src6
ctl() { "$E2E_BIN/shoalctl" --socket "$E2E_CONDUCTOR" "$@"; }

# Longer than every step below takes (about 100 s on a busy 2-core machine): they are stopped
# (SIGINT: finish the exchange in flight, close, report) once the last step has settled.
hold=400
held() {
  local name=$1; shift
  loadgen "$name" client1 --duration "$hold" --connect-concurrency 64 "$@" &
}
held tcp4 --mode tcp --target "$vip4:$tcp_port" -n 1000 --source "$src4" --interval 200
pid_tcp4=$!
held tcp6 --mode tcp --target "[$vip6]:$tcp_port" -n 500 --source "$src6" --interval 200
pid_tcp6=$!
held udp4 --mode udp --target "$vip4:$session_port" -n 200 --source "$src4" --interval 500
pid_udp4=$!
held udp6 --mode udp --target "[$vip6]:$session_port" -n 100 --source "$src6" --interval 500
pid_udp6=$!
check "1500 TCP connections established across the servers" wait_for 40 "1500 established" at_least_established 1500
sessions_up() {
  local k n=0
  for k in 1 2 3 4; do
    n=$((n + $("$E2E_LAB" exec "srv$k" ss -Hun state established "( sport = :$session_port )" | wc -l)))
  done
  ((n >= 300))
}
check "300 UDP sessions on connected sockets across the servers" wait_for 30 "300 UDP sessions" sessions_up
settle() { sleep 2; }  # let traffic run on the new table before the next change

buckets_are() { [[ $(server_field "$1" buckets) == "$2" ]]; }

# --- 1. drain with --wait: the held connections stay, so the wait times out, drained ---
drain_wait_times_out() {
  local out status=0
  out=$(ctl drain srv2 --wait --timeout 4s --interval 500ms 2>&1) || status=$?
  echo "$out" | tail -n 2 | sed 's/^/  shoalctl: /'
  ((status == 1)) && grep -q "stays drained" <<<"$out"
}
check "shoalctl drain srv2 --wait --timeout 4s: times out with its connections still up" drain_wait_times_out
drained_gen=$(api GET /v1/status | json 'd["generation"]')
check "the drain (generation $drained_gen) is applied by every agent" wait_for 20 "generation $drained_gen" applied "$drained_gen"
check "srv2 holds no buckets while drained" buckets_are srv2 0
check "srv2 still serves its established connections" test "$(server_field srv2 established)" -gt 0
settle
operate "undrain srv2" POST /v1/servers/srv2/undrain && settle
operate "weight srv3 to 50" PUT /v1/servers/srv3/weight '{"weight": 50}' && settle
operate "clear srv3's manual weight" DELETE /v1/servers/srv3/weight && settle

# --- 2. a new server ---
check "lab add-server: srv5 joins (agents learn it, its agent applies, the router adds it)" \
  "$E2E_LAB" add-server >/dev/null
srv5_has_buckets() { (($(server_field srv5 buckets) > 0)); }
check "srv5 gets buckets" wait_for 20 "srv5 with buckets" srv5_has_buckets
gen=$(api GET /v1/status | json 'd["generation"]')
check "generation $gen (with srv5) applied by every agent, srv5's too" wait_for 20 "generation $gen" applied "$gen"
settle

# --- 3. an agent crashes and comes back ---
xdp_still_attached() { "$E2E_LAB" exec srv1 ip link show eth0 | grep -q 'prog/xdp'; }
check "agent-srv1 killed with SIGKILL" "$E2E_LAB" stop agent-srv1 --kill
check "srv1's XDP program stays attached without its agent" xdp_still_attached
sleep 1  # traffic keeps flowing through srv1's data plane with no agent at all
check "agent-srv1 restarts" "$E2E_LAB" start agent-srv1
adopted() { [[ $(agent_api srv1 /v1/status | json 'd["agent"]["adopted"]') == True ]]; }
check "the restarted agent adopted its pinned data plane" adopted
check "and applies the current generation $gen" wait_for 20 "srv1 applies $gen" applied "$gen"
settle

# --- 4. the conductor crashes and comes back: it continues, it does not reshuffle ---
table_before=$(api GET /v1/table)
check "conductor killed with SIGKILL" "$E2E_LAB" stop conductor --kill
check "conductor restarts" "$E2E_LAB" start conductor
same_tables() {
  local now
  now=$(api GET /v1/table) || return 1
  python3 -c 'import json,sys; a,b=json.loads(sys.argv[1]),json.loads(sys.argv[2]); sys.exit(0 if a["services"]==b["services"] else 1)' \
    "$table_before" "$now"
}
check "the restarted conductor serves the same tables (no reshuffle)" same_tables
check "its health checks see all 5 servers up again" wait_for 20 "5 servers up" servers_up 5
settle

# --- 5. the churn guard: a second move of buckets that moved moments ago is held ---
# Back to back: the second drain comes milliseconds after the first moved srv2's buckets.
guard_start=$SECONDS
first_move=$(api POST /v1/servers/srv2/drain | json 'd["generation"]')
second_move=$(api POST /v1/servers/srv3/drain | json 'd["generation"]')
held_now=$(server_field srv3 buckets)
check "drain srv2 (generation $first_move), then srv3 at once (generation $second_move): applied by every agent" \
  wait_for 20 "generation $second_move" applied "$second_move"
check "the churn guard holds $held_now of srv3's buckets (moved < ${CHAIN_WINDOW}s ago) on srv3" test "$held_now" -gt 0
srv3_below() { (($(server_field srv3 buckets) < $1)); }
check "once the chain window has passed, most of them move on" \
  wait_for $((CHAIN_WINDOW + 10)) "srv3 below $held_now buckets" srv3_below "$held_now"
busy_now=$(server_field srv3 buckets)
echo "  after $((SECONDS - guard_start))s (chain window ${CHAIN_WINDOW}s) srv3 keeps $busy_now buckets"
check "srv3 keeps only the $busy_now buckets where srv2 still holds connections (its second_hop_busy)" \
  test "$busy_now" -gt 0 -a "$busy_now" -le "$(server_field srv2 second_hop_busy)"
gen=$(api GET /v1/status | json 'd["generation"]')
check "generation $gen applied by every agent" wait_for 20 "generation $gen" applied "$gen"
settle
operate "undrain srv2" POST /v1/servers/srv2/undrain
operate "undrain srv3" POST /v1/servers/srv3/undrain && settle

# --- 6. a table with many moved buckets ---
before=$(api GET /v1/status | json 'd["generation"]')
operate "weight srv1 to 1000 (about half the table moves to it)" PUT /v1/servers/srv1/weight '{"weight": 1000}'
moved=$(api GET "/v1/table?service=echo-tcp&diff=$before" | json 'd["services"][0]["moved"]')
echo "  echo-tcp: $moved of 65536 buckets moved"
check "many buckets moved (at least 20000 of 65536)" test "${moved:-0}" -ge 20000
settle
operate "clear srv1's manual weight" DELETE /v1/servers/srv1/weight

settle
stop_loadgens "$pid_tcp4" "$pid_tcp6" "$pid_udp4" "$pid_udp6"
check "IPv4: 1000 held TCP connections, 0 broken" report tcp4 --connections 1000 --max-broken 0 --min-servers 4
check "IPv6: 500 held TCP connections, 0 broken" report tcp6 --connections 500 --max-broken 0 --min-servers 4
check "IPv4: 200 UDP sessions, 0 broken" report udp4 --connections 200 --max-broken 0 --min-servers 4
check "IPv6: 100 UDP sessions, 0 broken" report udp6 --connections 100 --max-broken 0 --min-servers 4
python3 - "$E2E_OUT" <<'PY'
import json, sys
reports = [json.load(open(f"{sys.argv[1]}/{n}.json")) for n in ("tcp4", "tcp6", "udp4", "udp6")]
print("continuity: %d connections and sessions, %d broken, %d exchanges" % (
    sum(r["established"] for r in reports), sum(r["broken"] for r in reports),
    sum(r["exchanges"] for r in reports)))
PY
e2e_finish
