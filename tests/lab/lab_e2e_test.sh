#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lab itself, with no Shoal on the servers (plain ECMP): `lab up` builds the topology it
# documents, is idempotent, TCP and UDP echo through the router reach several servers over
# both families, held connections do not break, and `lab down` leaves nothing behind.
set -Eu  # no pipefail: `cmd | grep -q` must not fail when grep stops reading early
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
trap e2e_cleanup EXIT

LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
require "lab up with 4 servers and 1 client" "$E2E_LAB" up --build "$E2E_BUILD" --servers 4 --clients 1 --no-daemons

echo_pids() { cat "$LAB_DIR"/pids/echo-*.pid | sort | tr '\n' ' '; }
pids_before=$(echo_pids)
up_again_is_noop() {
  "$E2E_LAB" up --build "$E2E_BUILD" --servers 4 --clients 1 --no-daemons 2>&1 | grep -q "already up"
}
check "lab up again is a no-op on a healthy lab" up_again_is_noop
check "the no-op kept the same echo processes" test "$pids_before" == "$(echo_pids)"

# --- topology ---
namespaces_present() {
  local ns
  for ns in router ctl srv1 srv2 srv3 srv4 client1; do [[ -e /run/netns/$ns ]] || return 1; done
}
check "namespaces router, ctl, srv1..4, client1 exist" namespaces_present

e2e_lab_names
vip4=$lab_vip4 vip6=$lab_vip6 tcp_port=$lab_tcp_port udp_port=$lab_udp_port
session_port=$lab_session_port http_port=$lab_http_port src4=$lab_src4 src6=$lab_src6

nexthops() { ip -n router "$1" route show "$2" | grep -c 'nexthop via'; }
check "router has 4 ECMP next hops for $vip4" test "$(nexthops -4 "$vip4")" -eq 4
check "router has 4 ECMP next hops for $vip6" test "$(nexthops -6 "$vip6")" -eq 4
check "router hashes multipath on the 5-tuple (v4 and v6)" test "$("$E2E_LAB" exec router sysctl -n \
  net.ipv4.fib_multipath_hash_policy net.ipv6.fib_multipath_hash_policy net.ipv4.fib_multipath_hash_fields \
  net.ipv6.fib_multipath_hash_fields | tr '\n' ' ')" == "3 3 55 55 "

server_ok() {
  local k=$1 ns="srv$1"
  ip -n router link show "to-$ns" | grep -q 'prog/xdp' || { echo "  no XDP on router's to-$ns"; return 1; }
  ip -n "$ns" addr show lo | grep -q "$vip4/32" || { echo "  $vip4 not on $ns lo"; return 1; }
  ip -n "$ns" addr show lo | grep -q "$vip6/128" || { echo "  $vip6 not on $ns lo"; return 1; }
  ip -n "$ns" route show default | grep -q "via 198.18.$k.1" || { echo "  no default route in $ns"; return 1; }
  [[ $("$E2E_LAB" exec "$ns" sysctl -n net.ipv4.conf.eth0.forwarding net.ipv6.conf.eth0.forwarding | tr '\n' ' ') == "1 1 " ]] ||
    { echo "  forwarding off on $ns eth0"; return 1; }
  ip -n "$ns" neigh show "198.18.$k.1" | grep -q PERMANENT || { echo "  router not a resolved neighbour in $ns"; return 1; }
  ip -n router neigh show "198.18.$k.2" | grep -q PERMANENT || { echo "  $ns not a resolved neighbour in router"; return 1; }
}
for k in 1 2 3 4; do check "srv$k: VIPs on lo, default route, forwarding, neighbours, router XDP" server_ok "$k"; done
client_tx_csum_off() { "$E2E_LAB" exec client1 ethtool -k eth0 | grep -q "^tx-checksumming: off"; }
check "client1 sends full checksums (tx offload off)" client_tx_csum_off
status_json_ok() {
  "$E2E_LAB" status --json | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert [s["name"] for s in t["servers"]] == ["srv1", "srv2", "srv3", "srv4"], t["servers"]
assert all(s["echo"]["running"] for s in t["servers"]), t["servers"]'
}
check "status --json describes 4 servers with echo running" status_json_ok
health_from_ctl() {
  local k
  for k in 1 2 3 4; do
    [[ $("$E2E_LAB" exec ctl curl -s --max-time 5 "http://198.18.$k.2:$http_port/health") == "srv$k ok" ]] || return 1
    [[ $("$E2E_LAB" exec ctl curl -s --max-time 5 "http://[2001:db8:$k::2]:$http_port/health") == "srv$k ok" ]] || return 1
  done
}
check "ctl reaches every server's HTTP health responder on both families" health_from_ctl

# --- traffic through the router: plain ECMP spreads flows over the servers ---
check "400 short TCP connections to $vip4 from 32 sources: none fail, several servers answer" \
  loadgen_ok tcp4-short client1 --mode tcp-short --target "$vip4:$tcp_port" -n 400 --source "$src4" --duration 30 -- \
  --connections 400 --min-servers 2
check "400 short TCP connections to $vip6: none fail, several servers answer" \
  loadgen_ok tcp6-short client1 --mode tcp-short --target "[$vip6]:$tcp_port" -n 400 --source "$src6" --duration 30 -- \
  --connections 400 --min-servers 2
check "400 UDP requests to $vip4: all answered, several servers" \
  loadgen_ok udp4-short client1 --mode udp-short --target "$vip4:$udp_port" -n 400 --duration 30 -- \
  --connections 400 --min-servers 2
check "400 UDP requests to $vip6: all answered, several servers" \
  loadgen_ok udp6-short client1 --mode udp-short --target "[$vip6]:$udp_port" -n 400 --duration 30 -- \
  --connections 400 --min-servers 2
check "300 TCP connections held 4 s to $vip4 (exchange every 200 ms): 0 broken" \
  loadgen_ok tcp4-held client1 --mode tcp --target "$vip4:$tcp_port" -n 300 --source "$src4" \
  --duration 4 --interval 200 -- --connections 300 --min-servers 2
check "300 TCP connections held 4 s to $vip6: 0 broken" \
  loadgen_ok tcp6-held client1 --mode tcp --target "[$vip6]:$tcp_port" -n 300 --source "$src6" \
  --duration 4 --interval 200 -- --connections 300 --min-servers 2
check "200 UDP sessions held 3 s to $vip4:$session_port: 0 broken" \
  loadgen_ok udp4-sessions client1 --mode udp --target "$vip4:$session_port" -n 200 --source "$src4" \
  --duration 3 --interval 200 -- --connections 200 --min-servers 2
check "200 UDP sessions held 3 s to [$vip6]:$session_port: 0 broken" \
  loadgen_ok udp6-sessions client1 --mode udp --target "[$vip6]:$session_port" -n 200 --source "$src6" \
  --duration 3 --interval 200 -- --connections 200 --min-servers 2
sessions_on_connected_sockets() {
  local k n=0
  for k in 1 2 3 4; do
    "$E2E_LAB" exec "srv$k" ss -Hun state established "( sport = :$session_port )" | grep -q . && n=$((n + 1))
  done
  ((n >= 2))
}
check "several servers answered UDP sessions from connected sockets" sessions_on_connected_sockets

# --- link MTUs (scripts/lab mtu) ---
link_mtus() { # link_mtus NS: "ROUTER_END HOST_END", the MTUs of the router's link to NS
  echo "$(ip -n router -o link show "to-$1" | grep -o 'mtu [0-9]*' | cut -d' ' -f2)" \
    "$(ip -n "$1" -o link show eth0 | grep -o 'mtu [0-9]*' | cut -d' ' -f2)"
}
servers_at() { local k; for k in 1 2 3 4; do [[ $(link_mtus "srv$k") == "$1 $1" ]] || return 1; done; }
recorded_at() { [[ $(topology '["server_mtu"]') == "$1" ]] && servers_at "$1"; }
only_client_at() { [[ $(link_mtus client1) == "$1 $1" ]] && servers_at 1600; }
mtu_refused() { ! "$E2E_LAB" mtu servers 500 2>/dev/null; }
check "every link starts at MTU 1500" servers_at 1500
check "scripts/lab mtu servers 1600 sets both ends of every server link" "$E2E_LAB" mtu servers 1600
check "  every server link at 1600; topology.json records it" recorded_at 1600
check "scripts/lab mtu client1 1400 sets that link" "$E2E_LAB" mtu client1 1400
check "  client1's link at 1400, the servers' still at 1600" only_client_at 1400
check "scripts/lab mtu refuses an MTU out of range" mtu_refused
"$E2E_LAB" mtu servers 1500 && "$E2E_LAB" mtu client1 1500

# --- down leaves nothing ---
mapfile -t lab_pids < <(cat "$LAB_DIR"/pids/*.pid)
require "lab down" "$E2E_LAB" down
nothing_left() {
  local left=0 pid
  ip netns list | awk '{print $1}' | grep -E '^(router|ctl|srv[0-9]+|client[0-9]+)$' && left=1
  ip -o link show | grep -E ': to-(ctl|srv[0-9]+|client[0-9]+)[@:]' && left=1
  grep " $LAB_DIR" /proc/mounts && left=1
  [[ -e $LAB_DIR ]] && { echo "  $LAB_DIR still exists"; left=1; }
  for pid in "${lab_pids[@]}"; do
    [[ -d /proc/$pid ]] && [[ $(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$pid/stat") != Z ]] &&
      { echo "  process $pid ($(cat "/proc/$pid/comm")) still runs"; left=1; }
  done
  return "$left"
}
check "nothing of the lab is left: namespaces, links, mounts, $LAB_DIR, ${#lab_pids[@]} processes" nothing_left
e2e_finish
