#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Path MTU, never a silent black hole (issue 13). With shoald on 4 servers, for every ordered
# pair (ingress server chosen by the router's ECMP, owner of the flow's bucket), same-server
# pairs included, and both families, client1 downloads and uploads 4 MB through the VIP with
# full-size segments (MSS 1460 / 1440; its veth sends full checksums, as the lab sets it up):
#   1. every link at MTU 1500: a packet forwarded to another server no longer fits once
#      encapsulated (+36 / +56 bytes); the data plane answers with ICMP "fragmentation needed" /
#      "packet too big" from the VIP, the client lowers its path MTU, and every transfer
#      completes. The client's ICMP counters moved and its route to the VIP carries the MTU.
#   2. the router<->server links at MTU 1600 (scripts/lab mtu servers 1600): everything fits;
#      every transfer completes and no ICMP is sent (client counters and the agents' too-big
#      counters unchanged).
# Each time the agents report what they see: at 1500 every server's fabric MTU is too small for
# GUE (1444-byte inner packets at most; `shoalctl status` warns, shoal_fabric_mtu_ok 0), at 1600
# it is enough.
# Every transfer has a deadline and fails when it makes no progress for STALL ms, naming the
# pair, the family and how many bytes got through.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
trap e2e_cleanup EXIT

BYTES=$((4 << 20))
STALL_MS=${SHOAL_PATH_MTU_STALL_MS:-5000}
DEADLINE_S=40
SERVERS=srv1,srv2,srv3,srv4

e2e_lab_up 4
require "the conductor sees all 4 servers up" wait_for 20 "4 servers up" servers_up 4
generation=$(api GET /v1/status | json 'd["generation"]')
require "generation $generation applied by every agent" wait_for 20 "generation $generation applied" applied "$generation"
client4=${lab_src4%-*}
client6=${lab_src6%-*}

pick() { # pick FAMILY VIP SOURCE
  "$E2E_LAB" exec client1 python3 "$E2E_HERE/pick_pairs.py" --vip "$2" --port "$lab_tcp_port" \
    --source "$3" --servers "$SERVERS" --agent-dir "$E2E_LAB_DIR/run" \
    >"$E2E_OUT/pairs-$1.json" 2>"$E2E_OUT/pairs-$1.err" ||
    { cat "$E2E_OUT/pairs-$1.json" "$E2E_OUT/pairs-$1.err"; return 1; }
  json '"  %d probes (%d ambiguous)" % (d["probes"], d["ambiguous"])' <"$E2E_OUT/pairs-$1.json"
}
require "a source port for each of the 16 (ingress, owner) pairs, IPv4" pick IPv4 "$lab_vip4" "$client4"
require "a source port for each of the 16 (ingress, owner) pairs, IPv6" pick IPv6 "$lab_vip6" "$client6"

# bulk NAME FAMILY: 4 MB down and up from every pair's source port, all at once.
bulk() {
  local name=$1 family=$2 target mss flows=() status=0
  if [[ $family == IPv4 ]]; then target="$lab_vip4:$lab_tcp_port" mss=1460; else target="[$lab_vip6]:$lab_tcp_port" mss=1440; fi
  mapfile -t flows < <(python3 -c 'import json,sys; [print("--flow", p["source"]) for p in json.load(open(sys.argv[1]))["pairs"]]' \
    "$E2E_OUT/pairs-$family.json" | tr ' ' '\n')
  "$E2E_LAB" exec client1 "$E2E_BIN/shoal-loadgen" --mode bulk --json --target "$target" "${flows[@]}" \
    --bytes "$BYTES" --mss "$mss" --stall "$STALL_MS" --deadline "$DEADLINE_S" \
    >"$E2E_OUT/$name-$family.json" 2>"$E2E_OUT/$name-$family.err" || status=$?
  if ((status != 0 && status != 3)); then
    echo "shoal-loadgen --mode bulk ($name, $family) exited $status:"
    sed 's/^/  /' "$E2E_OUT/$name-$family.err"
    return 1
  fi
}
# run_bulk NAME: both families at once; then each family's result, pair by pair.
run_bulk() {
  local name=$1 what=$2 pid4 pid6
  bulk "$name" IPv4 & pid4=$!
  bulk "$name" IPv6 & pid6=$!
  wait "$pid4" || true
  wait "$pid6" || true
  for family in IPv4 IPv6; do
    check "$what, $family: 4 MB down and up through every (ingress, owner) pair" \
      python3 "$E2E_HERE/check_bulk.py" "$E2E_OUT/$name-$family.json" "$E2E_OUT/pairs-$family.json" --family "$family"
  done
}

# client_icmp: "InDestUnreachs Icmp6InPktTooBigs Icmp6InDestUnreachs" of client1. Once a path
# MTU has dropped, the client's kernel also counts the "too big" it tells itself about segments
# built for the old MTU, so these exceed the data plane's own count (icmp_too_big_sent); they
# stay put only when no ICMP arrives at all.
client_icmp() {
  "$E2E_LAB" exec client1 cat /proc/net/snmp /proc/net/snmp6 | awk '
    $1 == "Icmp:" && !column { for (i = 2; i <= NF; i++) if ($i == "InDestUnreachs") column = i; next }
    $1 == "Icmp:" { v4 = $column }
    $1 == "Icmp6InPktTooBigs" { big6 = $2 }
    $1 == "Icmp6InDestUnreachs" { unreach6 = $2 }
    END { print v4 + 0, big6 + 0, unreach6 + 0 }'
}
# too_big_counters: every data-plane counter about packets too big (dropped, or answered
# with ICMP), summed over the servers and services: "name=packets ..." sorted.
too_big_counters() {
  local k
  for k in 1 2 3 4; do agent_api "srv$k" /v1/stats; echo; done | python3 -c '
import json, sys
totals = {}
for line in sys.stdin:
    if not line.strip():
        continue
    d = json.loads(line)
    for counters in [s["counters"] for s in d["services"]] + [d["no_service"]]:
        for name, c in counters.items():
            if "too_big" in name:
                totals[name] = totals.get(name, 0) + c["packets"]
print(" ".join(f"{n}={v}" for n, v in sorted(totals.items())) or "none")'
}
forget_path_mtu() {
  "$E2E_LAB" exec client1 ip -4 route flush cache
  "$E2E_LAB" exec client1 ip -6 route flush cache
}
route_mtu() { # route_mtu VIP: the MTU client1's route to VIP carries now ("-" when none)
  "$E2E_LAB" exec client1 ip route get "$1" | grep -o 'mtu [0-9]*' | awk '{print $2}' | grep . || echo -
}

# fabric_mtu_reported OK: the conductor's status has every server's agent reporting
# fabric_mtu_ok == OK (true|false) with that max_inner_packet.
fabric_mtu_reported() {
  api GET /v1/status | python3 -c '
import json, sys
d = json.load(sys.stdin)
want_ok, want_inner = sys.argv[1] == "true", int(sys.argv[2])
mtus = [s.get("mtu") or {} for s in d["servers"]]
sys.exit(0 if all(m.get("fabric_mtu_ok") is want_ok and m.get("max_inner_packet") == want_inner
                  for m in mtus) else 1)' "$1" "$2"
}
status_text() { "$E2E_BIN/shoalctl" --socket "$E2E_CONDUCTOR" status; }
status_warns() { status_text | grep -qF '! srv1: fabric MTU below edge MTU 1500 + 56 bytes of GUE (eth0 MTU 1500)'; }
status_calm() { status_text | grep -q '^srv1 ' && ! status_text | grep -qF 'fabric MTU below'; }
metric_fabric_ok() { # metric_fabric_ok SERVER: its shoal_fabric_mtu_ok value
  "$E2E_LAB" exec "$1" curl -sf --max-time 5 http://127.0.0.1:9469/metrics | awk '$1 == "shoal_fabric_mtu_ok" {print $2}'
}

# at_mtu MTU OK WHAT: with the servers' links at MTU, the agents report fabric_mtu_ok OK (true:
# room for GUE's 56 bytes) in the status, shoalctl status and /metrics; then 4 MB down and up
# through every pair. Sets icmp_before/after (client1's ICMP counters) and too_big_before/after.
at_mtu() {
  local mtu=$1 ok=$2 what=$3
  check "MTU $mtu: every agent reports fabric_mtu_ok $ok ($mtu - 56 = $((mtu - 56)) bytes inside)" \
    wait_for 10 "agents report fabric_mtu_ok $ok" fabric_mtu_reported "$ok" $((mtu - 56))
  if [[ $ok == false ]]; then
    check "MTU $mtu: shoalctl status warns about srv1's fabric MTU" status_warns
    check "MTU $mtu: srv1's shoal_fabric_mtu_ok is 0" test "$(metric_fabric_ok srv1)" == 0
  else
    check "MTU $mtu: shoalctl status has no fabric MTU warning" status_calm
    check "MTU $mtu: srv1's shoal_fabric_mtu_ok is 1" test "$(metric_fabric_ok srv1)" == 1
  fi
  forget_path_mtu
  icmp_before=$(client_icmp) too_big_before=$(too_big_counters)
  run_bulk "mtu$mtu" "$what"
  icmp_after=$(client_icmp) too_big_after=$(too_big_counters)
  echo "  client1 ICMP (InDestUnreachs, Icmp6InPktTooBigs, Icmp6InDestUnreachs): $icmp_before -> $icmp_after"
  echo "  data plane too-big counters: $too_big_before -> $too_big_after"
}

# --- 1. every link at MTU 1500 ---
at_mtu 1500 false "every link at MTU 1500"
read -r v4_before big6_before _ <<<"$icmp_before"
read -r v4_after big6_after _ <<<"$icmp_after"
mtu4=$(route_mtu "$lab_vip4") mtu6=$(route_mtu "$lab_vip6")
echo "  client1's path MTU to $lab_vip4: $mtu4, to $lab_vip6: $mtu6"
check "IPv4: client1 received ICMP destination unreachable (frag needed) ($v4_before -> $v4_after)" \
  test "$v4_after" -gt "$v4_before"
check "IPv6: client1 received ICMPv6 packet too big ($big6_before -> $big6_after)" test "$big6_after" -gt "$big6_before"
# What fits: 1500 less the encapsulation (no GUE auth tags in the lab): 36 bytes with the IPv4
# outer header an IPv4 flow gets, 56 with IPv6.
check "IPv4: client1 learned the path MTU 1500 - 36 = 1464 to $lab_vip4 (route mtu $mtu4)" test "$mtu4" == 1464
check "IPv6: client1 learned the path MTU 1500 - 56 = 1444 to $lab_vip6 (route mtu $mtu6)" test "$mtu6" == 1444

# --- 2. the servers' links at MTU 1600: room for the encapsulation ---
require "the router<->server links go to MTU 1600" "$E2E_LAB" mtu servers 1600
at_mtu 1600 true "servers' links at MTU 1600"
check "MTU 1600: client1 received no ICMP error" test "$icmp_before" == "$icmp_after"
check "MTU 1600: no data-plane too-big counter moved" test "$too_big_before" == "$too_big_after"
check "MTU 1600: client1's routes to the VIPs carry no learned MTU" \
  test "$(route_mtu "$lab_vip4")$(route_mtu "$lab_vip6")" == --
e2e_finish
