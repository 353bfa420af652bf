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

# check WHAT COMMAND...: runs COMMAND, prints "ok - WHAT" or "FAIL - WHAT"; counts failures.
check() {
  local what=$1; shift
  if "$@"; then
    echo "ok - $what"
    E2E_PASSES=$((E2E_PASSES + 1))
  else
    echo "FAIL - $what"
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
  "$@" || { echo "FAIL - $what (cannot go on)"; exit 1; }
  echo "ok - $what"
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
