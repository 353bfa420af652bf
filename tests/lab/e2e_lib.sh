# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Helpers for the lab's end-to-end tests: run them as
#   bash TEST.sh REPO_DIR BUILD_DIR
# They bring the lab up with scripts/lab, drive shoal-loadgen in a client namespace, check its
# JSON report with check_report.py, and always take the lab down again (trap), whatever failed.

E2E_REPO=$1
E2E_BUILD=$2
E2E_LAB="$E2E_REPO/scripts/lab"
E2E_BIN="$E2E_BUILD/bin"
E2E_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_OUT=$(mktemp -d /tmp/shoal-e2e.XXXXXX)
E2E_FAILURES=0
E2E_PASSES=0

e2e_skip() { echo "SKIP: $*"; exit 77; }

e2e_require_root() {
  [[ $(id -u) -eq 0 ]] || e2e_skip "needs root (network namespaces, XDP)"
  [[ -x $E2E_BIN/shoal-loadgen && -x $E2E_BIN/shoal-echo ]] || {
    echo "FAIL: $E2E_BIN has no shoal-loadgen/shoal-echo"
    exit 1
  }
}

e2e_cleanup() {
  local status=$?
  if [[ ${SHOAL_E2E_KEEP:-0} == 1 ]]; then
    echo "SHOAL_E2E_KEEP=1: the lab stays up; scripts/lab down removes it"
  else
    "$E2E_LAB" down >/dev/null 2>&1 || echo "warning: scripts/lab down failed"
  fi
  rm -rf "$E2E_OUT"
  exit "$status"
}

# check WHAT COMMAND...: runs COMMAND, prints "ok - WHAT" or "FAIL - WHAT" and the seconds since
# the test started; counts failures.
check() {
  local what=$1; shift
  if "$@"; then
    echo "ok - $what [${SECONDS}s]"
    E2E_PASSES=$((E2E_PASSES + 1))
  else
    echo "FAIL - $what [${SECONDS}s]"
    E2E_FAILURES=$((E2E_FAILURES + 1))
  fi
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.1 s; fails naming WHAT at the deadline.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "  timed out after ${seconds}s waiting for: $what"; return 1; }
    sleep 0.1
  done
}

# A command that must succeed for the rest to make sense.
require() {
  local what=$1; shift
  "$@" || { echo "FAIL - $what (cannot go on) [${SECONDS}s]"; exit 1; }
  echo "ok - $what [${SECONDS}s]"
  E2E_PASSES=$((E2E_PASSES + 1))
}

# e2e_finish: the closing line ctest and CI read, and the exit status.
e2e_finish() {
  echo "$E2E_PASSES passed, $E2E_FAILURES failed"
  ((E2E_FAILURES == 0))
}

# topology SUBSCRIPTS: one value of the running lab's topology.json, e.g.
#   topology '["servers"][0]["dip4"]'
topology() {
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print(eval("t" + sys.argv[2]))' \
    "${SHOAL_LAB_DIR:-/run/shoal-lab}/topology.json" "$1"
}

# loadgen NAME NS ARGS...: runs shoal-loadgen --json in namespace NS; report in $E2E_OUT/NAME.json.
loadgen() {
  local name=$1 ns=$2; shift 2
  local status=0
  "$E2E_LAB" exec "$ns" "$E2E_BIN/shoal-loadgen" --json "$@" >"$E2E_OUT/$name.json" \
    2>"$E2E_OUT/$name.err" || status=$?
  # 0: clean, 3: something failed or broke (check_report says what); anything else is an error.
  if ((status != 0 && status != 3)); then
    echo "shoal-loadgen $name exited $status:"
    sed 's/^/  /' "$E2E_OUT/$name.err"
    return 1
  fi
}

# stop_loadgens PID...: ends background `loadgen` runs early. Each PID is the subshell whose
# child is shoal-loadgen itself (lab exec execs it); SIGINT makes it finish the exchanges in
# flight, close its connections and write its report.
stop_loadgens() {
  local pid
  for pid in "$@"; do pkill -INT -P "$pid" -x shoal-loadgen || true; done
  for pid in "$@"; do wait "$pid"; done
}

# report NAME CHECK_REPORT_ARGS...: checks $E2E_OUT/NAME.json.
report() {
  local name=$1; shift
  python3 "$E2E_HERE/check_report.py" "$E2E_OUT/$name.json" "$@"
}

# loadgen_ok NAME NS LOADGEN_ARGS... -- CHECK_ARGS...: both in one check.
loadgen_ok() {
  local name=$1 ns=$2; shift 2
  local gen=()
  while (($#)) && [[ $1 != -- ]]; do gen+=("$1"); shift; done
  (($#)) && shift
  loadgen "$name" "$ns" "${gen[@]}" && report "$name" "$@"
}

# --- the daemons (lab up without --no-daemons) ---
E2E_LAB_DIR=${SHOAL_LAB_DIR:-/run/shoal-lab}
E2E_CONDUCTOR="$E2E_LAB_DIR/run/conductor.sock"

e2e_require_shoald() {
  [[ -x $E2E_BIN/shoald && -x $E2E_BIN/shoalctl ]] || { echo "FAIL: $E2E_BIN has no shoald/shoalctl"; exit 1; }
}

# api METHOD PATH [JSON_BODY]: the conductor's control API; prints the answer.
api() {
  local method=$1 path=$2 body=${3:-}
  if [[ -n $body ]]; then
    curl -sf --max-time 10 --unix-socket "$E2E_CONDUCTOR" -X "$method" -H 'Content-Type: application/json' \
      -d "$body" "http://shoal$path"
  else
    curl -sf --max-time 10 --unix-socket "$E2E_CONDUCTOR" -X "$method" "http://shoal$path"
  fi
}

# agent_api SERVER PATH: GET from a server's agent.
agent_api() { curl -sf --max-time 10 --unix-socket "$E2E_LAB_DIR/run/$1.sock" "http://shoal$2"; }

# json EXPR: evaluates a Python expression over the JSON on stdin (`d`) and prints it.
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# applied GEN: every server's agent reports it has applied generation GEN or later.
applied() {
  api GET /v1/status | python3 -c '
import json, sys
d = json.load(sys.stdin); g = int(sys.argv[1])
sys.exit(0 if all((s["applied_generation"] or 0) >= g for s in d["servers"]) else 1)' "$1"
}

# operate WHAT METHOD PATH [BODY]: an operator change through the API, then a check that
# every agent applied the generation carrying it. Sets OPERATED_GENERATION.
operate() {
  local what=$1; shift
  OPERATED_GENERATION=$(api "$@" | json 'd["generation"]') || OPERATED_GENERATION=""
  if [[ -z $OPERATED_GENERATION ]]; then
    check "$what: the conductor accepted it" false
    return 1
  fi
  check "$what (generation $OPERATED_GENERATION) applied by every agent" \
    wait_for 20 "generation $OPERATED_GENERATION applied" applied "$OPERATED_GENERATION"
}

# established_total: established connections to the VIPs, summed over the agents' reports.
established_total() { api GET /v1/status | json 'sum(s["established"] or 0 for s in d["servers"])'; }
at_least_established() { (($(established_total) >= $1)); }

# servers_up N: the conductor's health checks see at least N servers up.
servers_up() { (($(api GET /v1/status | json 'sum(s["health"] == "up" for s in d["servers"])') >= $1)); }

# buckets_of SERVICE: {"srv1": buckets, ...} of the current generation, as JSON.
buckets_of() {
  api GET "/v1/table?service=$1" | json 'json.dumps({s["name"]: s["buckets"] for s in d["services"][0]["servers"]})'
}

# e2e_lab_up SERVERS: the lab with shoald on SERVERS servers and a conductor, every agent on the
# first generation; then e2e_lab_names.
e2e_lab_up() {
  require "lab up with shoald on $1 servers and a conductor" \
    "$E2E_LAB" up --build "$E2E_BUILD" --servers "$1" --clients 1 --force
  require "every agent applies the first generation" wait_for 30 "generation 1 applied" applied 1
  e2e_lab_names
}

# e2e_lab_names: the running lab's names in lab_* variables: lab_vip4, lab_vip6, lab_tcp_port,
# lab_udp_port, lab_session_port, lab_http_port, lab_gue_port, lab_src4, lab_src6 (client1's
# source ranges).
e2e_lab_names() {
  lab_http_port=$(topology '["ports"]["http_health"]')
  lab_vip4=$(topology '["vips"]["ipv4"][0]')
  lab_vip6=$(topology '["vips"]["ipv6"][0]')
  lab_tcp_port=$(topology '["ports"]["tcp_echo"]')
  lab_udp_port=$(topology '["ports"]["udp_echo"]')
  lab_session_port=$(topology '["ports"]["udp_session"]')
  lab_gue_port=$(topology '["ports"]["gue"]')
  lab_src4=$(topology '["clients"][0]["source_range4"]')
  lab_src6=$(topology '["clients"][0]["source_range6"]')
}

# server_field NAME FIELD: one field of a server in the conductor's status.
server_field() { api GET /v1/status | json "[s for s in d['servers'] if s['name'] == '$1'][0]['$2']"; }
