#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cluster mode in the lab (scripts/lab up --store etcd: three etcd members, three conductors)
# under 1000 long-lived TCP connections and 150 UDP sessions: the leading conductor is killed
# (another takes over with the same tables), one etcd member is stopped (a drain still goes
# through; shoalctl asked at a follower sends the undrain on to the leader), then all of etcd
# is stopped for 30 s (a drain is refused with a clear message, an agent restarted meanwhile
# comes back on its pinned data plane, new connections still land on every server), then etcd
# comes back (agents resync, the drain goes through). Broken connections: 0. Prints the
# takeover time and drain -> every agent applied p50/p99.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
command -v etcd >/dev/null || { echo "FAIL: etcd is not installed (scripts/install-deps.sh installs etcd-server)"; exit 1; }
trap e2e_cleanup EXIT

require "lab up --store etcd: 3 etcd members, 3 conductors, 4 servers" \
  "$E2E_LAB" up --build "$E2E_BUILD" --servers 4 --clients 1 --store etcd --force
e2e_lab_names
vip4=$lab_vip4 vip6=$lab_vip6 tcp_port=$lab_tcp_port session_port=$lab_session_port
src4=$lab_src4 src6=$lab_src6
conductors="conductor conductor2 conductor3"
OUTAGE=30

# api_at CONDUCTOR METHOD PATH: one request to that conductor (api below goes to the leader).
api_at() { curl -sf --max-time 5 --unix-socket "$E2E_LAB_DIR/run/$1.sock" -X "$2" "http://shoal$3"; }
ctl_at() { "$E2E_BIN/shoalctl" --socket "$E2E_LAB_DIR/run/$1.sock" "${@:2}"; }

# leader: the conductor that leads with etcd reachable (fails when none does). curl and grep
# only ("leading" is only in the status's cluster part): polled to time the takeover.
leader() {
  local c out
  for c in $conductors; do
    out=$(api_at "$c" GET /v1/status 2>/dev/null) || continue
    grep -q '"leading":true' <<<"$out" && grep -q '"etcd_reachable":true' <<<"$out" &&
      { echo "$c"; return 0; }
  done
  return 1
}
conductor_netns() { if [[ $1 == conductor ]]; then echo ctl; else echo "ctl${1#conductor}"; fi; }
# use_leader: `api` and `applied` (e2e_lib.sh) talk to the leader from now on.
use_leader() {
  LEADER=$(leader) || return 1
  E2E_CONDUCTOR="$E2E_LAB_DIR/run/$LEADER.sock"
}
leader_other_than() { local l; l=$(leader) && [[ $l != "$1" ]]; }
current_generation() { api GET /v1/status | json 'd["generation"]'; }
# The members' namespaces and client URLs, read once (etcd_member_healthy is polled).
etcd_netns=() etcd_url=()
for i in 0 1 2; do
  etcd_netns+=("$(topology "['store']['etcd'][$i]['netns']")")
  etcd_url+=("$(topology "['store']['etcd'][$i]['client_url']")")
done
etcd_member_healthy() {
  "$E2E_LAB" exec "${etcd_netns[$1 - 1]}" curl -sf --max-time 2 "${etcd_url[$1 - 1]}/health" |
    grep -q '"health":"true"'
}
etcd_all_healthy() { etcd_member_healthy 1 && etcd_member_healthy 2 && etcd_member_healthy 3; }
# every_conductor_sees_etcd down|up: each running conductor's status says so.
every_conductor_sees_etcd() {
  local c want=true
  [[ $1 == down ]] && want=false
  for c in $conductors; do
    api_at "$c" GET /v1/status | grep -q "\"etcd_reachable\":$want" || return 1
  done
}
# agents_resynced GEN: every agent reports again, sees etcd, and has applied GEN or later.
agents_resynced() {
  api GET /v1/status | python3 -c '
import json, sys
d = json.load(sys.stdin); g = int(sys.argv[1]); agents = d["cluster"].get("agents", {})
ok = all((s["applied_generation"] or 0) >= g for s in d["servers"]) and len(agents) == len(d["servers"]) \
    and all(a.get("reachable") for a in agents.values())
sys.exit(0 if ok else 1)' "$1"
}
# The leader's tables as shown by GET /v1/table (each server's buckets per service); with
# the generation unchanged they are the same generation, bucket for bucket.
tables_shown() {
  local s
  for s in echo-tcp echo-udp echo-udp-session; do api GET "/v1/table?service=$s" || return 1; done
}

require "a conductor leads" wait_for 60 "a leader" use_leader
echo "  leader: $LEADER"
require "every agent applies the first generation" wait_for 30 "generation 1 applied" applied 1
require "the leader sees all 4 servers up" wait_for 20 "4 servers up" servers_up 4

# --- held traffic for the whole test (stopped with SIGINT at the end) ---
held() {
  local name=$1; shift
  loadgen "$name" client1 --duration 600 --connect-concurrency 64 "$@" &
}
held tcp4 --mode tcp --target "$vip4:$tcp_port" -n 700 --source "$src4" --interval 200
pid_tcp4=$!
held tcp6 --mode tcp --target "[$vip6]:$tcp_port" -n 300 --source "$src6" --interval 200
pid_tcp6=$!
held udp4 --mode udp --target "$vip4:$session_port" -n 100 --source "$src4" --interval 500
pid_udp4=$!
held udp6 --mode udp --target "[$vip6]:$session_port" -n 50 --source "$src6" --interval 500
pid_udp6=$!
check "1000 TCP connections established across the servers" wait_for 40 "1000 established" at_least_established 1000
sessions_up() {
  local k n=0
  for k in 1 2 3 4; do
    n=$((n + $("$E2E_LAB" exec "srv$k" ss -Hun state established "( sport = :$session_port )" | wc -l)))
  done
  ((n >= 150))
}
check "150 UDP sessions on connected sockets across the servers" wait_for 30 "150 UDP sessions" sessions_up

# --- 1. the leading conductor dies ---
generation_before=$(current_generation)
tables_before=$(tables_shown)
old_leader=$LEADER
started=$EPOCHREALTIME
check "the leader ($old_leader) is killed" "$E2E_LAB" stop "$old_leader" --kill
check "another conductor takes over" wait_for 20 "a new leader" leader_other_than "$old_leader"
takeover=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')
use_leader
echo "  $LEADER leads ${takeover}s after $old_leader was killed (lease TTL 3 s)"
# Nothing should happen now; three rebuild intervals show whether the new leader reshuffles.
sleep 3
check "the new leader publishes nothing new: generation still $generation_before" \
  test "$(current_generation)" = "$generation_before"
check "  and it shows the same tables" test "$(tables_shown)" = "$tables_before"
check "$old_leader comes back" "$E2E_LAB" start "$old_leader"
check "and follows: $LEADER still leads" test "$(leader)" = "$LEADER"

# --- 2. one etcd member stopped (etcd1, the first endpoint every daemon tries) ---
check "etcd1 is stopped" "$E2E_LAB" stop etcd1
operate "with 2 of 3 etcd members, drain srv1" POST /v1/servers/srv1/drain
# shoalctl asked at a follower, from the follower's host: the follower names the leader and
# shoalctl sends the command there (over the leader's control TCP address).
undrain_at_follower() {
  local out status=0
  out=$("$E2E_LAB" exec "$(conductor_netns "$old_leader")" "$E2E_BIN/shoalctl" \
    --socket "$E2E_LAB_DIR/run/$old_leader.sock" undrain srv1 2>&1) || status=$?
  echo "  shoalctl: $out"
  ((status == 0)) && grep -q "does not lead; sending to leader" <<<"$out"
}
srv1_active() { test "$(server_field srv1 state)" = active; }
check "shoalctl undrain srv1 at follower $old_leader: sent on to the leader $LEADER" undrain_at_follower
check "  srv1 is active again" srv1_active
check "  and that generation is applied by every agent" \
  wait_for 20 "generation applied" applied "$(current_generation)"
check "etcd1 comes back" "$E2E_LAB" start etcd1
check "etcd1 rejoins" wait_for 30 "etcd healthy" etcd_all_healthy

# --- 3. all of etcd stopped for 30 s ---
generation_before=$(current_generation)
outage_started=$SECONDS
for member in etcd1 etcd2 etcd3; do check "$member is stopped" "$E2E_LAB" stop "$member"; done
check "every conductor says etcd is unreachable" wait_for 15 "etcd unreachable" every_conductor_sees_etcd down
leader_ns=$(conductor_netns "$LEADER")
check "  and the metrics say so: shoal_store_reachable 0" \
  bash -c "'$E2E_LAB' exec '$leader_ns' curl -sf http://127.0.0.1:9469/metrics | grep -q '^shoal_store_reachable 0'"
drain_refused() {
  local out status=0
  out=$(ctl_at "$LEADER" drain srv2 2>&1) || status=$?
  echo "  shoalctl: $out"
  ((status != 0)) && grep -q "etcd is unreachable" <<<"$out" && grep -q "nothing was changed" <<<"$out"
}
check "shoalctl drain srv2 is refused with a clear message" drain_refused
check "  and srv2 stays active" test "$(server_field srv2 state)" = active
program_before=$(agent_api srv3 /v1/status | json 'd["agent"]["interfaces"][0]["program_id"]')
check "agent-srv3 is killed while etcd is down" "$E2E_LAB" stop agent-srv3 --kill
check "agent-srv3 starts again while etcd is down" "$E2E_LAB" start agent-srv3
check "  it adopted its pinned data plane: same XDP program $program_before, still attached" \
  test "$(agent_api srv3 /v1/status | json '(d["agent"]["adopted"], d["agent"]["interfaces"][0]["program_id"])')" \
  = "(True, $program_before)"
check "400 new connections during the outage: all succeed, on all 4 servers" \
  loadgen_ok outage-new client1 --mode tcp-short --target "$vip4:$tcp_port" --source "$src4" \
  -n 400 --duration 60 -- --connections 400 --min-servers 4
# The outage lasts OUTAGE seconds in all: what is left of it after the checks above.
remaining=$((OUTAGE - (SECONDS - outage_started)))
((remaining <= 0)) || sleep "$remaining"
echo "  etcd was down for $((SECONDS - outage_started)) s"

# --- 4. etcd back: agents resync, the drain goes through ---
for member in etcd1 etcd2 etcd3; do check "$member starts again" "$E2E_LAB" start "$member"; done
check "the etcd cluster is healthy again" wait_for 30 "etcd healthy" etcd_all_healthy
check "every conductor sees etcd again" wait_for 30 "etcd reachable" every_conductor_sees_etcd up
check "a conductor leads" wait_for 30 "a leader" use_leader
check "every agent reports again and runs generation $generation_before or later" \
  wait_for 30 "agents resynced" agents_resynced "$generation_before"
drain_accepted() { ctl_at "$LEADER" drain srv2 >/dev/null 2>&1; }
check "shoalctl drain srv2 now goes through" wait_for 20 "drain accepted" drain_accepted
drained_generation=$(current_generation)
check "  generation $drained_generation applied by every agent" wait_for 20 "generation $drained_generation applied" applied "$drained_generation"
check "  and srv2 has no buckets" test "$(server_field srv2 buckets)" = 0
operate "undrain srv2" POST /v1/servers/srv2/undrain

# --- 5. drain -> every agent applied, 10 drains and 10 undrains of srv4 ---
agents=()
for k in 1 2 3 4; do agents+=(--agent "srv$k=$E2E_LAB_DIR/run/srv$k.sock"); done
latency=$(python3 "$E2E_HERE/drain_latency.py" --shoalctl "$E2E_BIN/shoalctl" \
  --socket "$E2E_CONDUCTOR" --server srv4 --cycles 10 "${agents[@]}")
echo "  drain_to_applied: $latency"
check "20 drains/undrains each applied by every agent" grep -q '"p99_ms"' <<<"$latency"

stop_loadgens "$pid_tcp4" "$pid_tcp6" "$pid_udp4" "$pid_udp6"
check "IPv4: 700 held TCP connections, 0 broken" report tcp4 --connections 700 --max-broken 0 --min-servers 4
check "IPv6: 300 held TCP connections, 0 broken" report tcp6 --connections 300 --max-broken 0 --min-servers 4
check "IPv4: 100 UDP sessions, 0 broken" report udp4 --connections 100 --max-broken 0 --min-servers 4
check "IPv6: 50 UDP sessions, 0 broken" report udp6 --connections 50 --max-broken 0 --min-servers 4
e2e_finish
