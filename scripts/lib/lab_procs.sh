# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# The processes the lab runs: shoal-echo in every server, and (once it is built) a shoald
# agent in every server and the conductor in ctl (--store etcd: conductors and etcd members
# in ctl, ctl2, ctl3; scripts/lib/lab_etcd.sh). Each has $LAB_DIR/pids/NAME.pid and
# $LAB_DIR/logs/NAME.log.

# start_process NAME NS COMMAND...: runs COMMAND in namespace NS in the background.
start_process() {
  local name=$1 ns=$2; shift 2
  local log="$LAB_DIR/logs/$name.log"
  # setsid: its own session, so a terminal's Ctrl-C after `lab up` does not reach it.
  # (Not a process-group leader here, so setsid execs in place and $! is the service's pid.)
  # It inherits no other descriptor of the caller's (a lock, a test runner's pipe), which it
  # would otherwise hold for as long as it runs.
  (
    close_inherited_fds
    exec nsenter --net="/run/netns/$ns" -- setsid "$@" >"$log" 2>&1 </dev/null
  ) &
  echo $! >"$LAB_DIR/pids/$name.pid"
}

close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
  done
  return 0
}

process_pid() { cat "$LAB_DIR/pids/$1.pid" 2>/dev/null || true; }

# A zombie counts as gone: its parent (often init, after `lab up` exits) may reap it late.
pid_running() {
  local state
  state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

process_alive() {
  local pid
  pid=$(process_pid "$1")
  [[ -n $pid ]] && pid_running "$pid"
}

# shoal-echo in server K: TCP and UDP echo and UDP sessions on every VIP, TCP echo and HTTP on
# the DIPs for health checks.
start_echo() {
  local k=$1
  local ns octet i args=()
  ns=$(server_name "$k")
  octet=$(server_octet "$k")
  for ((i = 1; i <= LAB_VIPS; i++)); do
    args+=(--tcp "$(vip4 "$i"):$LAB_TCP_PORT" --tcp "[$(vip6 "$i")]:$LAB_TCP_PORT")
    args+=(--udp "$(vip4 "$i"):$LAB_UDP_PORT" --udp "[$(vip6 "$i")]:$LAB_UDP_PORT")
    args+=(--udp-session "$(vip4 "$i"):$LAB_UDP_SESSION_PORT")
    args+=(--udp-session "[$(vip6 "$i")]:$LAB_UDP_SESSION_PORT")
  done
  args+=(--tcp "$(addr4 "$octet" 2):$LAB_TCP_PORT" --tcp "[$(addr6 "$octet" 2)]:$LAB_TCP_PORT")
  args+=(--http "$(addr4 "$octet" 2):$LAB_HTTP_PORT" --http "[$(addr6 "$octet" 2)]:$LAB_HTTP_PORT")
  start_process "echo-$ns" "$ns" "$LAB_BIN/shoal-echo" --name "$ns" "${args[@]}"
}

# wait_ready NAME SECONDS WHAT READY_COMMAND...: polls READY_COMMAND until it succeeds; fails
# at the deadline, or at once when process NAME has died, and then shows the end of its log.
wait_ready() {
  local name=$1 seconds=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds)) why=""
  until "$@" >/dev/null 2>&1; do
    if ! process_alive "$name"; then
      why="$name exited"
    elif ((SECONDS >= deadline)); then
      why="timed out after ${seconds}s"
    else
      sleep 0.1
      continue
    fi
    lab_log "$why waiting for: $what"
    tail -n 20 "$LAB_DIR/logs/$name.log" | sed "s/^/  $name log: /" >&2
    return 1
  done
}

wait_echo() {
  local ns
  ns=$(server_name "$1")
  wait_ready "echo-$ns" 10 "shoal-echo in $ns ready" grep -q ' ready ' "$LAB_DIR/logs/echo-$ns.log"
}

shoald_built() { [[ -x $LAB_BIN/shoald ]]; }

# One shoald agent per server, in the server's namespace, pinning under the lab's bpffs.
start_agents() {
  local k
  if ! shoald_built; then
    lab_log "shoald is not built yet ($LAB_BIN/shoald): agents not started, the servers run plain ECMP"
    return 0
  fi
  write_daemon_configs
  for k in "$@"; do start_agent "$k"; done
}

start_agent() {
  local ns
  ns=$(server_name "$1")
  mkdir -p "$LAB_DIR/bpffs/$ns"
  start_process "agent-$ns" "$ns" "$LAB_BIN/shoald" --config "$LAB_DIR/shoald/$ns.json"
  wait_daemon "agent-$ns" "$LAB_DIR/run/$ns.sock"
  lab_log "started shoald agent in $ns (pid $(process_pid "agent-$ns"))"
}

# A daemon is ready once its control socket (named in its generated config) exists.
wait_daemon() {
  wait_ready "$1" 15 "$1 ready (control socket $2)" test -S "$2"
}

# Conductor C runs in control host C (ctl, ctl2, ctl3), which reaches every DIP through the
# router; with --store etcd all three run and elect a leader.
start_conductor() {
  local c=${1:-1} name
  name=$(conductor_name "$c")
  if ! shoald_built; then
    lab_log "shoald is not built yet ($LAB_BIN/shoald): conductor not started"
    return 0
  fi
  write_daemon_configs
  start_process "$name" "$(ctl_name "$c")" "$LAB_BIN/shoald" --config "$LAB_DIR/shoald/$name.json"
  wait_daemon "$name" "$LAB_DIR/run/$name.sock"
  lab_log "started shoald $name in $(ctl_name "$c") (pid $(process_pid "$name"))"
}

start_conductors() {
  local c
  for c in $(lab_controls); do start_conductor "$c"; done
}

# stop_process NAME [SIGNAL]: stops one lab process (SIGTERM by default, or e.g. KILL to
# play a crash) and waits until it is gone. Its pid file stays, so `start` knows its kind.
stop_process() {
  local name=$1 signal=${2:-TERM} pid
  process_alive "$name" || lab_die "stop: $name is not running"
  pid=$(process_pid "$name")
  kill -"$signal" "$pid"
  wait_until 15 "$name (pid $pid) gone after SIG$signal" pids_gone "$pid" ||
    lab_die "stop: $name (pid $pid) survived SIG$signal for 15 s"
  lab_log "stopped $name (pid $pid, SIG$signal)"
}

# start_process_again NAME: starts a stopped lab process the way `up` did, and waits until it
# serves: echo-srvK, agent-srvK, conductor (conductor2, conductor3), etcd1..3.
start_process_again() {
  local name=$1 k
  process_alive "$name" && lab_die "start: $name already runs (pid $(process_pid "$name"))"
  case $name in
    echo-srv*)
      k=${name#echo-srv}
      start_echo "$k"
      wait_echo "$k"
      ;;
    agent-srv*)
      k=${name#agent-srv}
      # A killed daemon leaves its socket file: remove it so readiness means the new one.
      rm -f "$LAB_DIR/run/$(server_name "$k").sock"
      start_agent "$k"
      ;;
    conductor | conductor[0-9])
      [[ $name == conductor ]] && k=1 || k=${name#conductor}
      ((k <= $(lab_controls | wc -w))) || lab_die "start: this lab has no $name"
      rm -f "$LAB_DIR/run/$name.sock"
      start_conductor "$k"
      ;;
    etcd[0-9])
      k=${name#etcd}
      [[ ${LAB_STORE:-file} == etcd ]] && ((k <= 3)) || lab_die "start: this lab has no $name (--store etcd has etcd1..3)"
      start_etcd "$k"
      # Listening, not healthy: a member started alone waits for a quorum.
      wait_ready "$name" 30 "$name listening for its peers" etcd_listening "$k"
      ;;
    *) lab_die "start: no lab process named '$name' (echo-srvK, agent-srvK, conductor, conductorC, etcdC)" ;;
  esac
}

# daemon_api NAME METHOD PATH: one request to a lab daemon's control socket (agent-srvK or
# conductor); prints the JSON answer, fails on an HTTP error.
daemon_api() {
  local name=$1 method=$2 path=$3 socket
  case $name in
    conductor | conductor[0-9]) socket="$LAB_DIR/run/$name.sock" ;;
    agent-*) socket="$LAB_DIR/run/${name#agent-}.sock" ;;
    *) lab_die "daemon_api: $name is not a daemon" ;;
  esac
  curl -sf --max-time 10 --unix-socket "$socket" -X "$method" "http://shoal$path"
}

# reload_daemon NAME: re-reads the regenerated config; returns once the daemon has applied it
# (POST /v1/reload answers after the reload, unlike SIGHUP).
reload_daemon() {
  daemon_api "$1" POST /v1/reload >/dev/null || lab_die "reload of $1 failed (see $LAB_DIR/logs/$1.log)"
}

# json_field FIELD...: reads JSON on stdin, prints the value at the path (a.b.c).
json_field() {
  python3 -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[key]
print(value)' "$1"
}

# agent_applied NAME GEN: the agent has applied generation GEN or a later one.
agent_applied() {
  local applied
  applied=$(daemon_api "$1" GET /v1/status | json_field agent.applied_generation) || return 1
  [[ $applied =~ ^[0-9]+$ ]] && ((applied >= $2))
}

# stop_pids SECONDS PID...: SIGTERM, then SIGKILL for those still there after SECONDS.
stop_pids() {
  local seconds=$1; shift
  local pid alive=()
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    alive=()
    for pid in "$@"; do pid_running "$pid" && alive+=("$pid"); done
    ((${#alive[@]})) || return 0
    sleep 0.1
  done
  lab_log "still running after ${seconds}s, sending SIGKILL: ${alive[*]}"
  kill -KILL "${alive[@]}" 2>/dev/null || true
  wait_until 5 "SIGKILLed processes gone" pids_gone "${alive[@]}"
}

pids_gone() {
  local pid
  for pid in "$@"; do ! pid_running "$pid" || return 1; done
}

# Every process the lab started: anything living in a lab namespace, found through the
# namespaces themselves, and the recorded pids that are still a shoal-echo or shoald (a
# process can outlive its namespace's name if an earlier `down` was interrupted).
lab_pids() {
  local ns f pid
  for ns in $(lab_namespaces); do ip netns pids "$ns" 2>/dev/null || true; done
  for f in "$LAB_DIR"/pids/*.pid; do
    [[ -e $f ]] || continue
    pid=$(cat "$f")
    case $(cat "/proc/$pid/comm" 2>/dev/null) in
      shoal-echo | shoald | etcd) echo "$pid" ;;
    esac
  done
}
