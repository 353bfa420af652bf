# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# The lab's state: $LAB_DIR/topology.env (what `up` was asked for; scripts/lab reads it back)
# and $LAB_DIR/topology.json (the whole topology spelled out for tests and config generators),
# plus `status` in human and JSON form.

save_state() {
  {
    printf 'LAB_SERVERS=%q\nLAB_CLIENTS=%q\nLAB_VIPS=%q\nLAB_CLIENT_ADDRS=%q\n' \
      "$LAB_SERVERS" "$LAB_CLIENTS" "$LAB_VIPS" "$LAB_CLIENT_ADDRS"
    printf 'LAB_BIN=%q\nLAB_NOOP_OBJ=%q\nLAB_DAEMONS=%q\nLAB_STORE=%q\nLAB_SERVER_MTU=%q\n' "$LAB_BIN" \
      "$LAB_NOOP_OBJ" "$LAB_DAEMONS" "$LAB_STORE" "$LAB_SERVER_MTU"
  } >"$LAB_DIR/topology.env.tmp"
  mv "$LAB_DIR/topology.env.tmp" "$LAB_DIR/topology.env"
  topology_json static >"$LAB_DIR/topology.json.tmp"
  mv "$LAB_DIR/topology.json.tmp" "$LAB_DIR/topology.json"
}

load_state() {
  [[ -f $LAB_DIR/topology.env ]] || return 1
  LAB_STORE="file"  # a lab brought up before --store existed
  LAB_SERVER_MTU=1500  # ... or before --server-mtu
  # shellcheck source=/dev/null
  source "$LAB_DIR/topology.env"
}

json_list() { # json_list ITEM...: ["a", "b"]
  local out="" item
  for item in "$@"; do out+="${out:+, }\"$item\""; done
  printf '[%s]' "$out"
}

# process_json NAME: {"pid": N, "running": true} (live state; pid null when never started)
process_json() {
  local pid running=false
  pid=$(process_pid "$1")
  process_alive "$1" && running=true
  printf '{"pid": %s, "running": %s, "log": "%s"}' "${pid:-null}" "$running" "$LAB_DIR/logs/$1.log"
}

# topology_json [live]: the topology; with "live", each process's pid and whether it runs.
topology_json() {
  local live=${1:-} k i ns octet sep="" v4=() v6=()
  for ((i = 1; i <= LAB_VIPS; i++)); do v4+=("$(vip4 "$i")"); v6+=("$(vip6 "$i")"); done
  printf '{\n  "lab_dir": "%s",\n  "bin_dir": "%s",\n  "bpffs": "%s/bpffs",\n  "store_dir": "%s/store",\n' \
    "$LAB_DIR" "$LAB_BIN" "$LAB_DIR" "$LAB_DIR"
  printf '  "ports": {"tcp_echo": %d, "udp_echo": %d, "udp_session": %d, "http_health": %d, "gue": %d},\n' \
    "$LAB_TCP_PORT" "$LAB_UDP_PORT" "$LAB_UDP_SESSION_PORT" "$LAB_HTTP_PORT" "$LAB_GUE_PORT"
  printf '  "vips": {"ipv4": %s, "ipv6": %s},\n' "$(json_list "${v4[@]}")" "$(json_list "${v6[@]}")"
  printf '  "router": {"netns": "%s", "ifnames": %s},\n' "$LAB_ROUTER" "$(router_ifnames_json)"
  printf '  "server_mtu": %d,\n' "$LAB_SERVER_MTU"
  printf '  "servers": ['
  for k in $LAB_SERVERS; do
    ns=$(server_name "$k")
    octet=$(server_octet "$k")
    printf '%s\n    {"name": "%s", "index": %d, "netns": "%s", "ifname": "eth0", "router_ifname": "to-%s",' \
      "$sep" "$ns" "$k" "$ns" "$ns"
    printf ' "dip4": "%s", "dip6": "%s", "gateway4": "%s", "gateway6": "%s", "mac": "%s", "bpffs": "%s/bpffs/%s"' \
      "$(addr4 "$octet" 2)" "$(addr6 "$octet" 2)" "$(addr4 "$octet" 1)" "$(addr6 "$octet" 1)" \
      "$(mac_of "$octet" 2)" "$LAB_DIR" "$ns"
    [[ $live == live ]] &&
      printf ', "echo": %s, "agent": %s' "$(process_json "echo-$ns")" "$(process_json "agent-$ns")"
    printf '}'
    sep=","
  done
  printf '\n  ],\n  "clients": ['
  sep=""
  for k in $LAB_CLIENTS; do
    ns=$(client_name "$k")
    octet=$(client_octet "$k")
    printf '%s\n    {"name": "%s", "netns": "%s", "ifname": "eth0", "addr4": "%s", "addr6": "%s", "source_range4": "%s", "source_range6": "%s"}' \
      "$sep" "$ns" "$ns" "$(addr4 "$octet" 2)" "$(addr6 "$octet" 2)" \
      "$(source_range4 "$octet" "$LAB_CLIENT_ADDRS")" "$(source_range6 "$octet" "$LAB_CLIENT_ADDRS")"
    sep=","
  done
  printf '\n  ],\n  "ctl": {"netns": "%s", "ifname": "eth0", "addr4": "%s", "addr6": "%s"' \
    "$LAB_CTL" "$(addr4 "$(ctl_octet)" 2)" "$(addr6 "$(ctl_octet)" 2)"
  [[ $live == live ]] && printf ', "conductor": %s' "$(process_json conductor)"
  printf '},\n  "conductors": ['
  sep=""
  for k in $(lab_controls); do
    ns=$(conductor_name "$k")
    printf '%s\n    {"name": "%s", "netns": "%s", "addr4": "%s", "socket": "%s/run/%s.sock", "tcp": %s' \
      "$sep" "$ns" "$(ctl_name "$k")" "$(addr4 "$(ctl_octet "$k")" 2)" "$LAB_DIR" "$ns" \
      "$(conductor_tcp_json "$k")"
    [[ $live == live ]] && printf ', "process": %s' "$(process_json "$ns")"
    printf '}'
    sep=","
  done
  printf '\n  ],\n  "store": {"type": "%s", "etcd": [' "$LAB_STORE"
  sep=""
  if [[ $LAB_STORE == etcd ]]; then
    for k in $(lab_controls); do
      printf '%s\n    {"name": "etcd%d", "netns": "%s", "client_url": "%s"' "$sep" "$k" "$(ctl_name "$k")" \
        "$(etcd_client_url "$k")"
      [[ $live == live ]] && printf ', "process": %s' "$(process_json "etcd$k")"
      printf '}'
      sep=","
    done
  fi
  printf ']}\n}\n'
}

# A conductor serves its control API on TCP only in cluster mode (followers name it).
conductor_tcp_json() {
  if [[ $LAB_STORE == etcd ]]; then printf '"%s:%d"' "$(addr4 "$(ctl_octet "$1")" 2)" "$LAB_CONTROL_PORT"
  else printf 'null'; fi
}

router_ifnames_json() {
  local k names=()
  for k in $LAB_SERVERS; do names+=("to-$(server_name "$k")"); done
  for k in $LAB_CLIENTS; do names+=("to-$(client_name "$k")"); done
  for k in $(lab_controls); do names+=("to-$(ctl_name "$k")"); done
  json_list "${names[@]}"
}

etcd_status_word() {
  [[ $LAB_STORE == etcd ]] || { echo -; return; }
  if etcd_healthy "$1"; then echo "etcd$1 healthy"; elif process_alive "etcd$1"; then echo "etcd$1 running, no quorum"; else echo "etcd$1 STOPPED"; fi
}

yes_no() { if "$@" >/dev/null 2>&1; then echo yes; else echo NO; fi; }
xdp_attached() { [[ $(ip -n "$LAB_ROUTER" link show dev "$1") == *prog/xdp* ]]; }

status_human() {
  local k ns octet i
  printf 'lab: %s (servers: %s; clients: %s; VIPs: %d per family)\n' "$LAB_DIR" \
    "$LAB_SERVERS" "$LAB_CLIENTS" "$LAB_VIPS"
  printf '\n%-9s %-14s %-18s %-6s %-6s %-6s %-8s\n' SERVER DIP4 DIP6 NETNS ECHO AGENT "XDP(rtr)"
  for k in $LAB_SERVERS; do
    ns=$(server_name "$k")
    octet=$(server_octet "$k")
    printf '%-9s %-14s %-18s %-6s %-6s %-6s %-8s\n' "$ns" "$(addr4 "$octet" 2)" "$(addr6 "$octet" 2)" \
      "$(yes_no netns_exists "$ns")" "$(yes_no process_alive "echo-$ns")" \
      "$(yes_no process_alive "agent-$ns")" "$(yes_no xdp_attached "to-$ns")"
  done
  printf '\n%-9s %-14s %-18s %s\n' CLIENT ADDR4 ADDR6 "SOURCE RANGES (shoal-loadgen --source)"
  for k in $LAB_CLIENTS; do
    ns=$(client_name "$k")
    octet=$(client_octet "$k")
    printf '%-9s %-14s %-18s %s  %s\n' "$ns" "$(addr4 "$octet" 2)" "$(addr6 "$octet" 2)" \
      "$(source_range4 "$octet" "$LAB_CLIENT_ADDRS")" "$(source_range6 "$octet" "$LAB_CLIENT_ADDRS")"
  done
  printf '\n%-9s %-14s %-18s %-10s %-9s %s\n' HOST ADDR4 ADDR6 CONDUCTOR RUNNING "ETCD (store: $LAB_STORE)"
  for k in $(lab_controls); do
    printf '%-9s %-14s %-18s %-10s %-9s %s\n' "$(ctl_name "$k")" "$(addr4 "$(ctl_octet "$k")" 2)" \
      "$(addr6 "$(ctl_octet "$k")" 2)" "$(conductor_name "$k")" "$(yes_no process_alive "$(conductor_name "$k")")" \
      "$(etcd_status_word "$k")"
  done
  printf '\n%-20s %s\n' VIP "ECMP NEXT HOPS IN router"
  for ((i = 1; i <= LAB_VIPS; i++)); do
    printf '%-20s %s\n' "$(vip4 "$i")" "$(vip_nexthops "$(vip4 "$i")")"
    printf '%-20s %s\n' "$(vip6 "$i")" "$(vip_nexthops "$(vip6 "$i")")"
  done
  printf '\nports: tcp echo %d, udp echo %d, udp sessions %d, http health %d (DIPs)\n' \
    "$LAB_TCP_PORT" "$LAB_UDP_PORT" "$LAB_UDP_SESSION_PORT" "$LAB_HTTP_PORT"
}
