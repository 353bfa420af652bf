# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Namespaces, veths, addresses, routes, sysctls and the router's XDP_PASS programs.
# Every veth is created with both ends already inside namespaces, so deleting the namespaces
# removes every link the lab made. Commands go to `ip -batch` per namespace: one ip process
# per step instead of dozens keeps `up` quick on a busy 2-core machine.

# A fresh namespace with the sysctls every lab host shares: no DAD (addresses usable at once),
# no reverse-path filter (GUE-decapsulated packets arrive from addresses routed elsewhere).
make_namespace() {
  local ns=$1
  ip netns add "$ns"
  nsx "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 \
    net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.all.rp_filter=0
}

# router_side NS OCTET: the router's commands for its link to NS (198.18.OCTET.0/24): the veth
# (the peer, eth0, born inside NS), addresses, permanent neighbours (bpf_fib_lookup never
# answers NO_NEIGH), and an XDP_PASS program: a frame a server sends with XDP_TX on a veth
# reaches the peer only when the peer has an XDP program.
router_side() {
  local ns=$1 octet=$2
  local rif="to-$ns"
  echo "link add $rif address $(mac_of "$octet" 1) type veth peer name eth0 address $(mac_of "$octet" 2) netns $ns"
  echo "addr add $(addr4 "$octet" 1)/24 dev $rif"
  echo "addr add $(addr6 "$octet" 1)/64 dev $rif nodad"
  echo "neigh replace $(addr4 "$octet" 2) lladdr $(mac_of "$octet" 2) dev $rif nud permanent"
  echo "neigh replace $(addr6 "$octet" 2) lladdr $(mac_of "$octet" 2) dev $rif nud permanent"
  echo "link set $rif up"
  echo "link set dev $rif xdpdrv obj $LAB_NOOP_OBJ sec xdp"
}

# host_side OCTET: the host's commands for its eth0: addresses, the router as permanent
# neighbour and default gateway.
host_side() {
  local octet=$1
  echo "link set lo up"
  echo "addr add $(addr4 "$octet" 2)/24 dev eth0"
  echo "addr add $(addr6 "$octet" 2)/64 dev eth0 nodad"
  echo "neigh replace $(addr4 "$octet" 1) lladdr $(mac_of "$octet" 1) dev eth0 nud permanent"
  echo "neigh replace $(addr6 "$octet" 1) lladdr $(mac_of "$octet" 1) dev eth0 nud permanent"
  echo "link set eth0 up"
  echo "route add default via $(addr4 "$octet" 1) dev eth0"
  echo "route add default via $(addr6 "$octet" 1) dev eth0"
}

# link_host NS OCTET [EXTRA_HOST_COMMANDS]: namespace NS joined to the router.
link_host() {
  local ns=$1 octet=$2 extra=${3:-}
  router_side "$ns" "$octet" | ip -n "$LAB_ROUTER" -batch -
  { host_side "$octet"; [[ -z $extra ]] || echo "$extra"; } | ip -n "$ns" -batch -
}

make_router() {
  make_namespace "$LAB_ROUTER"
  ip -n "$LAB_ROUTER" link set lo up
  # ECMP hashes each packet's 5-tuple (policy 3, fields: addresses, protocol, ports), as a
  # router hashes headers. Policy 1 would reuse the hash a Linux sender put on the skb (its
  # socket's random txhash, which survives the veth and is re-drawn after a retransmission
  # timeout): a flow's path would then be random per connection and could change mid-flow,
  # and no one could tell from the 5-tuple which server a flow enters (lab.path_mtu must).
  nsx "$LAB_ROUTER" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
    net.ipv4.fib_multipath_hash_policy=3 net.ipv6.fib_multipath_hash_policy=3 \
    net.ipv4.fib_multipath_hash_fields=0x37 net.ipv6.fib_multipath_hash_fields=0x37
  # A server whose link is down leaves the ECMP group, as a BGP withdrawal would do; set on
  # `default` before the router's veths exist, so each of them inherits it.
  nsx "$LAB_ROUTER" sysctl -qw net.ipv4.conf.default.ignore_routes_with_linkdown=1 \
    net.ipv6.conf.default.ignore_routes_with_linkdown=1
}

# make_server K VIPS: namespace srvK, its link, the VIPs on lo, forwarding on eth0 (the kernel
# answers bpf_fib_lookup only then).
make_server() {
  local k=$1 vips=$2
  local ns i lines=""
  ns=$(server_name "$k")
  for ((i = 1; i <= vips; i++)); do
    lines+="addr add $(vip4 "$i")/32 dev lo"$'\n'"addr add $(vip6 "$i")/128 dev lo nodad"$'\n'
  done
  make_namespace "$ns"
  link_host "$ns" "$(server_octet "$k")" "${lines%$'\n'}"
  nsx "$ns" sysctl -qw net.ipv4.conf.eth0.forwarding=1 net.ipv6.conf.eth0.forwarding=1
  ((${LAB_SERVER_MTU:-1500} == 1500)) || set_link_mtu "$ns" "$LAB_SERVER_MTU"
}

# set_link_mtu NS MTU: both ends of the link between the router and NS. (A veth with an XDP
# program refuses an MTU whose frames would not fit a page; ip says so.)
set_link_mtu() {
  local ns=$1 mtu=$2
  ip -n "$LAB_ROUTER" link set dev "to-$ns" mtu "$mtu"
  ip -n "$ns" link set dev eth0 mtu "$mtu"
}

# make_client K ADDRS: namespace clientK with ADDRS extra source addresses per family.
# Transmit checksum offload off: a veth otherwise leaves partial checksums that a server's XDP
# program would carry unfinished inside GUE.
make_client() {
  local k=$1 addrs=$2
  local ns octet i lines=""
  ns=$(client_name "$k")
  octet=$(client_octet "$k")
  for ((i = 0; i < addrs; i++)); do
    lines+="addr add $(addr4 "$octet" $((10 + i)))/24 dev eth0"$'\n'
    lines+="addr add 2001:db8:$octet::1:$(printf '%x' "$i")/64 dev eth0 nodad"$'\n'
  done
  make_namespace "$ns"
  link_host "$ns" "$octet" "${lines%$'\n'}"
  nsx "$ns" ethtool -K eth0 tx off >/dev/null
}

# Control host C (ctl, ctl2, ctl3): a conductor's place (it reaches every DIP through the
# router for its health checks) and, with --store etcd, an etcd member's.
make_ctl() {
  local c=${1:-1}
  make_namespace "$(ctl_name "$c")"
  link_host "$(ctl_name "$c")" "$(ctl_octet "$c")"
}

# ECMP over every server for every VIP, both families (replaces what was there).
route_vips() {
  local i k hops4="" hops6=""
  for k in $LAB_SERVERS; do
    hops4+=" nexthop via $(addr4 "$(server_octet "$k")" 2) dev to-$(server_name "$k")"
    hops6+=" nexthop via $(addr6 "$(server_octet "$k")" 2) dev to-$(server_name "$k")"
  done
  for ((i = 1; i <= LAB_VIPS; i++)); do
    echo "route replace $(vip4 "$i")/32$hops4"
    echo "route replace $(vip6 "$i")/128$hops6"
  done | ip -n "$LAB_ROUTER" -batch -
}

# Number of next hops the router has for a VIP route (0 when there is no route).
vip_nexthops() {
  local vip=$1 family=-4 routes hops
  [[ $vip == *:* ]] && family=-6
  routes=$(ip -n "$LAB_ROUTER" "$family" route show "$vip" 2>/dev/null || true)
  [[ -n $routes ]] || { echo 0; return; }
  hops=$(grep -c 'nexthop via' <<<"$routes" || true)
  ((hops > 0)) || hops=1 # a single next hop prints as a plain "via" route
  echo "$hops"
}
