# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# `lab up --store etcd`: a three-member etcd cluster, one member per control host (etcd1 in
# ctl, etcd2 in ctl2, etcd3 in ctl3), listening on the host's lab address, so agents and
# conductors reach it through the router as they would reach a real cluster. Data under
# $LAB_DIR/etcd/etcdC; a member stopped and started again rejoins with its data.

etcd_addr() { addr4 "$(ctl_octet "$1")" 2; }
etcd_client_url() { printf 'http://%s:%d' "$(etcd_addr "$1")" "$LAB_ETCD_CLIENT_PORT"; }
etcd_peer_url() { printf 'http://%s:%d' "$(etcd_addr "$1")" "$LAB_ETCD_PEER_PORT"; }

# The members' client URLs, comma separated (etcdctl --endpoints, the daemon config).
etcd_endpoints() {
  local c out=""
  for c in $(lab_controls); do out+="${out:+,}$(etcd_client_url "$c")"; done
  printf '%s' "$out"
}

etcd_built() { command -v etcd >/dev/null 2>&1; }

# start_etcd C: member etcdC in ctl host C. Quick heartbeats: a member stopped by a test is
# replaced as leader in about a second.
start_etcd() {
  local c=$1 initial="" i
  etcd_built || lab_die "etcd is not installed (scripts/install-deps.sh installs etcd-server)"
  for i in $(lab_controls); do initial+="${initial:+,}etcd$i=$(etcd_peer_url "$i")"; done
  mkdir -p "$LAB_DIR/etcd"
  # A data directory that exists already holds the member's identity: etcd then ignores the
  # --initial-* flags and rejoins.
  start_process "etcd$c" "$(ctl_name "$c")" etcd --name "etcd$c" \
    --data-dir "$LAB_DIR/etcd/etcd$c" \
    --listen-client-urls "$(etcd_client_url "$c")" --advertise-client-urls "$(etcd_client_url "$c")" \
    --listen-peer-urls "$(etcd_peer_url "$c")" --initial-advertise-peer-urls "$(etcd_peer_url "$c")" \
    --initial-cluster "$initial" --initial-cluster-token shoal-lab --initial-cluster-state new \
    --heartbeat-interval 100 --election-timeout 1000 --log-level warn
}

# etcd_healthy C: member C answers and the cluster it sees has a leader.
etcd_healthy() {
  nsx "$(ctl_name "$1")" curl -sf --max-time 2 "$(etcd_client_url "$1")/health" | grep -q '"health":"true"'
}

# etcd_listening C: member C listens for its peers (it serves clients only once a quorum of
# members runs, so a member started alone is not yet healthy).
etcd_listening() {
  nsx "$(ctl_name "$1")" ss -Hltn "sport = :$LAB_ETCD_PEER_PORT" | grep -q LISTEN
}

# wait_etcd C...: each member is healthy (a lone member is not: it needs a quorum first).
wait_etcd() {
  local c
  for c in "$@"; do
    wait_ready "etcd$c" 30 "etcd$c healthy at $(etcd_client_url "$c")" etcd_healthy "$c" || return 1
  done
}

start_etcd_cluster() {
  local c
  for c in $(lab_controls); do start_etcd "$c"; done
  # shellcheck disable=SC2046
  wait_etcd $(lab_controls)
  lab_log "etcd cluster up: $(etcd_endpoints)"
}
