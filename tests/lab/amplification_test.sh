#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Spoofed ICMP errors must not circle through the fleet (issue 13, invariant 1). With shoald on
# 4 servers, client1 sends ICMP errors with TTL / hop limit 255 (ICMPv4 destination unreachable:
# fragmentation needed and other codes; ICMPv6 packet too big and destination unreachable), each
# quoting a TCP or UDP segment from the VIP's port 7000 to a client address, from spoofed lab
# sources, (a) to every server's DIP and (b) to the VIPs. The router's forwarded-packet counters
# (IPv4 ForwDatagrams + IPv6 Ip6OutForwDatagrams) measure what each burst costs the network:
# the amplification factor, router packets per injected packet, per family, target kind and
# ICMP kind (too big, or another destination unreachable code).
# Each must be <= 2: the injected packet itself, plus at most one GUE hop to the flow's owner.
#
# Other lab traffic would pollute the count: the conductor's health checks are the only lab
# traffic crossing the router, so the conductor is stopped first (the agents keep forwarding
# with the table they have), and each burst is measured between two quiet points (the router's
# counters unchanged for a second); the rate between them before the burst is the baseline.
set -Eu
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_require_root
e2e_require_shoald
trap e2e_cleanup EXIT

COUNT=${SHOAL_AMPLIFICATION_COUNT:-128}  # per family, target kind and ICMP kind
MAX_FACTOR=2

e2e_lab_up 4
require "the conductor sees all 4 servers up" wait_for 20 "4 servers up" servers_up 4
generation=$(api GET /v1/status | json 'd["generation"]')
require "generation $generation applied by every agent" wait_for 20 "generation $generation applied" applied "$generation"
require "the conductor stops (no health checks cross the router while we count)" \
  "$E2E_LAB" stop conductor

dips4=() dips6=()
for i in 0 1 2 3; do
  dips4+=(--to "$(topology "[\"servers\"][$i][\"dip4\"]")")
  dips6+=(--to "$(topology "[\"servers\"][$i][\"dip6\"]")")
done
client_octet=$(topology '["clients"][0]["addr4"]' | cut -d. -f3)
# Outer sources: unused addresses of client1's link (routed back to it; not the router's) and
# addresses nothing routes.
spoof4=(--spoof "198.18.$client_octet.64/26" --spoof 198.19.0.0/16)
spoof6=(--spoof "2001:db8:$client_octet::2:0/112" --spoof 2001:db8:ffff::/48)

# router_forwards: packets the router has forwarded, both families. (nsenter itself: polled
# every 0.1 s, where `scripts/lab exec` would cost a bash start and seven sourced files.)
router_forwards() {
  nsenter --net=/run/netns/router cat /proc/net/snmp /proc/net/snmp6 | awk '
    $1 == "Ip:" && !column { for (i = 2; i <= NF; i++) if ($i == "ForwDatagrams") column = i; next }
    $1 == "Ip:" { v4 = $column }
    $1 == "Ip6OutForwDatagrams" { v6 = $2 }
    END { if (!column) exit 1; print v4 + v6 }'
}

# quiet_forwards: waits (at most 30 s) until the router's count has not moved for 1 s; sets
# QUIET_COUNT and QUIET_AT (seconds, with decimals).
quiet_forwards() {
  local last now still=0 i
  last=$(router_forwards) || return 1
  for ((i = 0; i < 300; i++)); do
    now=$(router_forwards) || return 1
    if [[ $now == "$last" ]]; then
      ((++still >= 10)) && { QUIET_COUNT=$now; QUIET_AT=$EPOCHREALTIME; return 0; }
    else
      still=0
      last=$now
    fi
    sleep 0.1
  done
  echo "  the router never went quiet for 1 s in 30 s (last count $last)"
  return 1
}

# The baseline: the router's rate across one quiet second, before anything is sent.
require "the router goes quiet" quiet_forwards
base_count=$QUIET_COUNT base_at=$QUIET_AT
require "the router stays quiet" quiet_forwards
baseline_rate=$(awk -v n=$((QUIET_COUNT - base_count)) -v a="$base_at" -v b="$QUIET_AT" 'BEGIN { printf "%.3f", n / (b - a) }')
echo "  baseline: $((QUIET_COUNT - base_count)) router packets in $(awk -v a="$base_at" -v b="$QUIET_AT" 'BEGIN { printf "%.1f", b - a }') s ($baseline_rate/s)"

declare -A FACTOR
RESULTS=""
# burst FAMILY TARGET_KIND ICMP_KINDS SENDER_ARGS...: COUNT spoofed ICMP errors of ICMP_KINDS
# (too_big: fragmentation needed / packet too big; unreachable: the other destination
# unreachable codes), between the last quiet point and the next; records the factor.
burst() {
  local family=$1 target=$2 kinds=$3; shift 3
  local before=$QUIET_COUNT at=$QUIET_AT sent delta factor  # the last quiet point
  sent=$("$E2E_LAB" exec client1 python3 "$E2E_HERE/send_icmp_errors.py" --count "$COUNT" --ttl 255 \
    --kinds "$kinds" "$@") || { echo "  send_icmp_errors.py failed"; quiet_forwards; return 1; }
  quiet_forwards || return 1
  delta=$(awk -v n=$((QUIET_COUNT - before)) -v r="$baseline_rate" -v a="$at" -v b="$QUIET_AT" \
    'BEGIN { d = n - r * (b - a); printf "%d", d < 0 ? 0 : d }')
  factor=$(awk -v d="$delta" -v c="$COUNT" 'BEGIN { printf "%.2f", d / c }')
  FACTOR["$family $target $kinds"]=$factor
  RESULTS+=$(printf '  %-6s %-4s %-12s %9d %15d %8s' "$family" "$target" "$kinds" "$COUNT" "$delta" "$factor")$'\n'
  echo "  $family to $target, $kinds: $COUNT injected, $delta router packets, factor $factor; sent $sent"
}

quoted4=(--vip "$lab_vip4" --vip-port "$lab_tcp_port" --clients "$lab_src4" "${spoof4[@]}")
quoted6=(--vip "$lab_vip6" --vip-port "$lab_tcp_port" --clients "$lab_src6" "${spoof6[@]}")
for kinds in too_big unreachable; do
  check "IPv4 ICMP errors ($kinds) to the VIP $lab_vip4: burst measured" \
    burst IPv4 vip "$kinds" --to "$lab_vip4" "${quoted4[@]}"
  check "IPv6 ICMP errors ($kinds) to the VIP $lab_vip6: burst measured" \
    burst IPv6 vip "$kinds" --to "$lab_vip6" "${quoted6[@]}"
  check "IPv4 ICMP errors ($kinds) to every server's DIP: burst measured" \
    burst IPv4 dip "$kinds" "${dips4[@]}" "${quoted4[@]}"
  check "IPv6 ICMP errors ($kinds) to every server's DIP: burst measured" \
    burst IPv6 dip "$kinds" "${dips6[@]}" "${quoted6[@]}"
done

echo "amplification (router packets per injected ICMP error, TTL/hop limit 255; too_big = fragmentation"
echo "needed / packet too big, unreachable = other destination unreachable codes):"
printf '  %-6s %-4s %-12s %9s %15s %8s\n' family to icmp injected router_packets factor
printf '%s' "$RESULTS"
for key in "IPv4 vip" "IPv6 vip" "IPv4 dip" "IPv6 dip"; do
  for kinds in too_big unreachable; do
    [[ -n ${FACTOR[$key $kinds]:-} ]] || continue
    check "amplification of $kinds errors, $key <= $MAX_FACTOR (measured ${FACTOR[$key $kinds]})" \
      awk -v f="${FACTOR[$key $kinds]}" -v m="$MAX_FACTOR" 'BEGIN { exit !(f <= m) }'
  done
done
e2e_finish
