# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# The shoald config generator, isolated so it can follow shoald's config schema as that
# settles: writes $LAB_DIR/shoald/conductor.json and one $LAB_DIR/shoald/srvK.json per server
# from the lab's topology. Called by start_agents and start_conductor, and again by add-server.
#
# DRAFT: the field names below are the lab's best guess at shoald's schema (issue 4); the lead
# aligns them with the README's config reference once shoald exists. Everything the daemon
# needs from the lab is here: the store directory, each server's name, DIPs, interface and pin
# directory, the VIPs and ports, the GUE port and the control sockets.

write_daemon_configs() {
  local dir="$LAB_DIR/shoald" k i ns octet servers="" vips4="" vips6="" sep=""
  mkdir -p "$dir" "$LAB_DIR/store" "$LAB_DIR/run"
  for k in $LAB_SERVERS; do
    ns=$(server_name "$k")
    octet=$(server_octet "$k")
    servers+="$sep"$(printf '{"name": "%s", "dip4": "%s", "dip6": "%s", "weight": 100}' \
      "$ns" "$(addr4 "$octet" 2)" "$(addr6 "$octet" 2)")
    sep=", "
  done
  sep=""
  for ((i = 1; i <= LAB_VIPS; i++)); do
    vips4+="$sep\"$(vip4 "$i")\""
    vips6+="$sep\"$(vip6 "$i")\""
    sep=", "
  done
  local fleet
  fleet=$(printf '"store": {"directory": "%s"}, "gue_port": %d,
  "services": [
    {"name": "echo-tcp", "vips": [%s, %s], "protocol": "tcp", "port": %d},
    {"name": "echo-udp", "vips": [%s, %s], "protocol": "udp", "port": %d},
    {"name": "echo-udp-session", "vips": [%s, %s], "protocol": "udp", "port": %d}
  ],
  "servers": [%s]' "$LAB_DIR/store" "$LAB_GUE_PORT" \
    "$vips4" "$vips6" "$LAB_TCP_PORT" "$vips4" "$vips6" "$LAB_UDP_PORT" \
    "$vips4" "$vips6" "$LAB_UDP_SESSION_PORT" "$servers")

  printf '{"role": "conductor", %s,
  "control_socket": "%s/run/conductor.sock",
  "health_check": {"type": "http", "port": %d, "path": "/health"}}\n' \
    "$fleet" "$LAB_DIR" "$LAB_HTTP_PORT" >"$dir/conductor.json"
  for k in $LAB_SERVERS; do
    ns=$(server_name "$k")
    printf '{"role": "agent", "name": "%s", %s,
  "interfaces": ["eth0"], "pin_dir": "%s/bpffs/%s",
  "control_socket": "%s/run/%s.sock"}\n' \
      "$ns" "$fleet" "$LAB_DIR" "$ns" "$LAB_DIR" "$ns" >"$dir/$ns.json"
  done
}
