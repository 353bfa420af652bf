# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2034  # the settings below are used by the other lab_*.sh
# The lab's names, address plan and small helpers. Sourced by scripts/lab.
#
# Address plan (only 198.18.0.0/15 and 2001:db8::/32; K = server or client number):
#   server K link    198.18.K.0/24        2001:db8:K::/64       router .1 / ::1, server .2 / ::2 (the DIP)
#   VIPs (on lo)     198.18.100.1..V      2001:db8:100::1..V
#   client K link    198.18.(200+K).0/24  2001:db8:(200+K)::/64 router .1 / ::1, client .2 / ::2
#     source range   198.18.(200+K).10..  2001:db8:(200+K)::1:0..  (extra client addresses)
#   ctl link         198.18.250.0/24      2001:db8:250::/64     router .1 / ::1, ctl .2 / ::2
#   ctlC link (C=2,3, --store etcd)  198.18.(249+C).0/24  2001:db8:(249+C)::/64  likewise
# MACs spell the IPv4 address: 02:00:c6:12:<third octet>:<host> (c6:12 = 198.18).
# Servers 1..99, clients 1..49, VIPs 1..99.

LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
LAB_ROUTER=router
LAB_CTL=ctl
LAB_TCP_PORT=7000          # TCP echo on the VIPs and DIPs (the DIP one serves TCP health checks)
LAB_UDP_PORT=7000          # plain UDP echo on the VIPs
LAB_UDP_SESSION_PORT=7001  # UDP echo answering from a connected socket per client
LAB_HTTP_PORT=8080         # HTTP health responder on the DIPs
LAB_GUE_PORT=6080          # Shoal's default GUE port, for the daemon config
LAB_CONTROL_PORT=9470      # conductors' control API on TCP (--store etcd: shoalctl follows the leader)
LAB_ETCD_CLIENT_PORT=2379  # etcd members (--store etcd), on their ctl host's address
LAB_ETCD_PEER_PORT=2380
LAB_NS_PATTERN='^(router|ctl[0-9]*|srv[0-9]+|client[0-9]+)$'

lab_log() { printf 'lab: %s\n' "$*" >&2; }
lab_die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

# Runs a command in a lab namespace. nsenter, unlike `ip netns exec`, keeps /sys/fs/bpf.
nsx() {
  local ns=$1; shift
  nsenter --net="/run/netns/$ns" -- "$@"
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.1 s; fails naming WHAT at the deadline.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { lab_log "timed out after ${seconds}s waiting for: $what"; return 1; }
    sleep 0.1
  done
}

server_name() { printf 'srv%d' "$1"; }
client_name() { printf 'client%d' "$1"; }
server_octet() { printf '%d' "$1"; }
client_octet() { printf '%d' $((200 + $1)); }
# Control hosts C = 1..3: namespace ctl (C=1), ctl2, ctl3; each runs a conductor (named
# conductor, conductor2, conductor3) and, with --store etcd, an etcd member (etcdC).
ctl_octet() { printf '%d' $((249 + ${1:-1})); }
ctl_name() { if ((${1:-1} == 1)); then printf '%s' "$LAB_CTL"; else printf '%s%d' "$LAB_CTL" "$1"; fi; }
conductor_name() { if ((${1:-1} == 1)); then printf 'conductor'; else printf 'conductor%d' "$1"; fi; }
# The control hosts of this lab: one with the file store, three with etcd.
lab_controls() { if [[ ${LAB_STORE:-file} == etcd ]]; then echo 1 2 3; else echo 1; fi; }

# addr4 OCTET HOST / addr6 OCTET HOST: the address of HOST on the link whose third octet is OCTET.
addr4() { printf '198.18.%d.%d' "$1" "$2"; }
addr6() { printf '2001:db8:%d::%x' "$1" "$2"; }
mac_of() { printf '02:00:c6:12:%02x:%02x' "$1" "$2"; }

vip4() { printf '198.18.100.%d' "$1"; }
vip6() { printf '2001:db8:100::%x' "$1"; }

# The client's extra source addresses: COUNT of them, as "FIRST-LAST".
source_range4() { printf '198.18.%d.10-198.18.%d.%d' "$1" "$1" $((9 + $2)); }
source_range6() { printf '2001:db8:%d::1:0-2001:db8:%d::1:%x' "$1" "$1" $(($2 - 1)); }

# The lab's namespaces that exist now, found by name (also after a crash lost the state).
lab_namespaces() {
  ip netns list 2>/dev/null | awk '{print $1}' | grep -E "$LAB_NS_PATTERN" || true
}

netns_exists() { [[ -e /run/netns/$1 ]]; }

require_root() {
  [[ $(id -u) -eq 0 ]] || lab_die "run as root (the lab creates network namespaces and attaches XDP)"
}
