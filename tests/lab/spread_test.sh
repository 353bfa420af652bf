#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# With shoald on 4 servers of unequal weight: thousands of short TCP connections and plain UDP
# requests, over IPv4 and IPv6, land on the servers in proportion to each service's bucket
# counts (bound: check_spread.py, 5 standard deviations per server); GUE sent from a client
# (not a fleet member) is dropped and counted, in the stats API and in /metrics.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
trap e2e_cleanup EXIT

e2e_lab_up 4
vip4=$lab_vip4 vip6=$lab_vip6 tcp_port=$lab_tcp_port udp_port=$lab_udp_port gue_port=$lab_gue_port
src4=$lab_src4 src6=$lab_src6

# Unequal weights, so "in proportion" is not the same as "even": 300 : 100 : 100 : 50.
operate "weight srv1 to 300" PUT /v1/servers/srv1/weight '{"weight": 300}'
operate "weight srv4 to 50" PUT /v1/servers/srv4/weight '{"weight": 50}'

flows=8000
# spread WHAT SERVICE LOADGEN_ARGS...: FLOWS new flows, then their spread against SERVICE's buckets.
spread() {
  local what=$1 service=$2; shift 2
  local name="spread-$service-$what" buckets
  buckets=$(buckets_of "$service") || { check "$what: read $service's table" false; return; }
  loadgen_ok "$name" client1 -n "$flows" --concurrency 64 --duration 60 "$@" -- \
    --connections "$flows" --min-servers 4 >/dev/null || { check "$what: $flows flows, none failed" false; report "$name"; return; }
  check "$what: $flows flows spread over the servers as $service's buckets $buckets" \
    python3 "$E2E_HERE/check_spread.py" "$E2E_OUT/$name.json" "$buckets" --min-flows "$flows"
}
spread "TCP to $vip4" echo-tcp --mode tcp-short --target "$vip4:$tcp_port" --source "$src4"
spread "TCP to $vip6" echo-tcp --mode tcp-short --target "[$vip6]:$tcp_port" --source "$src6"
spread "UDP requests to $vip4" echo-udp --mode udp-short --target "$vip4:$udp_port" --source "$src4"
spread "UDP requests to $vip6" echo-udp --mode udp-short --target "[$vip6]:$udp_port" --source "$src6"

# --- GUE from a non-member ---
gue_drops() { agent_api "$1" /v1/stats | json 'd["no_service"].get("drop_gue_not_member", {}).get("packets", 0)'; }
metric_drops() {
  "$E2E_LAB" exec "$1" curl -sf --max-time 5 http://127.0.0.1:9469/metrics |
    awk '/^shoal_drops_total\{service="",reason="gue_not_member"\}/ {print $2}'
}
client4=${src4%-*}
client6=${src6%-*}
gue_counted() {
  local server=$1 dip=$2 inner_src=$3 inner_dst=$4 before after
  before=$(gue_drops "$server") || return 1
  "$E2E_LAB" exec client1 python3 "$E2E_HERE/send_gue.py" --to "$dip" --port "$gue_port" \
    --inner-src "$inner_src" --inner-dst "$inner_dst" --inner-port "$tcp_port" --count 200 >/dev/null || return 1
  # Counters are per-CPU sums read on demand: wait until all 200 show, then check none more.
  wait_for 10 "200 drops counted on $server" test_drops_reach "$server" $((before + 200)) || return 1
  after=$(gue_drops "$server")
  echo "  $server: drop_gue_not_member $before -> $after"
  ((after == before + 200))
}
test_drops_reach() { (($(gue_drops "$1") >= $2)); }
dip4_srv1=$(topology '["servers"][0]["dip4"]')
dip6_srv3=$(topology '["servers"][2]["dip6"]')
check "200 GUE packets (outer IPv4) from client1 to srv1 are dropped as drop_gue_not_member" \
  gue_counted srv1 "$dip4_srv1" "$client4" "$vip4"
check "200 GUE packets (outer IPv6, inner IPv6) from client1 to srv3 are dropped and counted" \
  gue_counted srv3 "$dip6_srv3" "$client6" "$vip6"
check "srv1's /metrics counts them: shoal_drops_total{reason=\"gue_not_member\"} >= 200" \
  test "$(metric_drops srv1 | cut -d. -f1)" -ge 200
e2e_finish
