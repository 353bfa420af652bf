#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# shoal-echo and shoal-loadgen against each other on loopback (no namespaces, no root): every
# mode exchanges checked echoes, UDP sessions get connected sockets, SIGUSR1 prints an interim
# report, SIGTERM stops a run early and cleanly, a dying server shows up as broken
# connections, and shoal-echo exits 0 on SIGTERM. Bulk mode moves 4 MiB each way per flow from
# the source ports it is given (again at once: it ends with a reset) and reports a stall.
set -Eu  # no pipefail: `cmd | grep -q` must not fail when grep stops reading early
# shellcheck source=tests/lab/e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
ECHO_PORT=${SHOAL_TEST_PORT:-17370}
SESSION_PORT=$((ECHO_PORT + 1))
HTTP_PORT=$((ECHO_PORT + 2))
echo_pid=""
gen_pid=""
sink_pid=""

cleanup() {
  local status=$?
  [[ -n $gen_pid ]] && kill -KILL "$gen_pid" 2>/dev/null
  [[ -n $echo_pid ]] && kill -KILL "$echo_pid" 2>/dev/null
  [[ -n $sink_pid ]] && kill -KILL "$sink_pid" 2>/dev/null
  rm -rf "$E2E_OUT"
  exit "$status"
}
trap cleanup EXIT

start_echo() {
  "$E2E_BIN/shoal-echo" --name lo-echo --tcp "127.0.0.1:$ECHO_PORT" --tcp "[::1]:$ECHO_PORT" \
    --udp "127.0.0.1:$ECHO_PORT" --udp-session "127.0.0.1:$SESSION_PORT" \
    --udp-session "[::1]:$SESSION_PORT" --http "127.0.0.1:$HTTP_PORT" 2>"$E2E_OUT/echo.err" &
  echo_pid=$!
  wait_for 10 "shoal-echo ready" grep -q ' ready ' "$E2E_OUT/echo.err"
}
# Plain loadgen on loopback (no namespace).
lo_loadgen() {
  local name=$1; shift
  "$E2E_BIN/shoal-loadgen" --json "$@" >"$E2E_OUT/$name.json" 2>"$E2E_OUT/$name.err"
  local status=$?
  ((status == 0 || status == 3)) || { sed 's/^/  /' "$E2E_OUT/$name.err"; return 1; }
}
lo_ok() {
  local name=$1; shift
  local gen=()
  while (($#)) && [[ $1 != -- ]]; do gen+=("$1"); shift; done
  shift
  lo_loadgen "$name" "${gen[@]}" && report "$name" "$@"
}

require "shoal-echo listens on 127.0.0.1/::1 ports $ECHO_PORT-$HTTP_PORT" start_echo

check "200 TCP connections held 2 s: 0 broken, all answered by lo-echo" \
  lo_ok tcp --mode tcp --target "127.0.0.1:$ECHO_PORT" -n 200 --duration 2 --interval 100 -- \
  --connections 200 --server lo-echo
check "1000 short TCP connections from 8 source addresses: none fail" \
  lo_ok tcp-short --mode tcp-short --target "127.0.0.1:$ECHO_PORT" -n 1000 --source 127.0.0.1-127.0.0.8 -- \
  --connections 1000 --server lo-echo
check "100 TCP connections over IPv6 held 2 s: 0 broken" \
  lo_ok tcp6 --mode tcp --target "[::1]:$ECHO_PORT" -n 100 --duration 2 --source ::1 -- --connections 100
check "500 UDP requests: all answered" \
  lo_ok udp-short --mode udp-short --target "127.0.0.1:$ECHO_PORT" -n 500 -- --connections 500
check "100 UDP sessions held 2 s: 0 broken" \
  lo_ok udp --mode udp --target "127.0.0.1:$SESSION_PORT" -n 100 --duration 2 -- --connections 100
connected_sessions() { ss -Hun state established "( sport = :$SESSION_PORT )" | wc -l; }
check "shoal-echo answers each UDP session from its own connected socket" \
  test "$(connected_sessions)" -ge 100
check "100 UDP sessions over IPv6 held 2 s: 0 broken" \
  lo_ok udp6 --mode udp --target "[::1]:$SESSION_PORT" -n 100 --duration 2 -- --connections 100
check "the HTTP health responder answers 200 with the name" \
  test "$(curl -s --max-time 5 "http://127.0.0.1:$HTTP_PORT/health")" == "lo-echo ok"

# --- bulk transfers ---
bulk_ok() { # bulk_ok NAME LOADGEN_ARGS...: every flow completed both ways on lo-echo
  lo_loadgen "$1" --mode bulk "${@:2}" && python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["incomplete"] == 0 and r["complete"] == len(r["flows"]) > 0, r
assert all(f["server"] == "lo-echo" and f["down"]["done"] == f["up"]["done"] == r["bytes"] for f in r["flows"]), r' \
    "$E2E_OUT/$1.json"
}
check "bulk: 4 MiB down and up from source ports 21000-21003 (IPv4), all complete" \
  bulk_ok bulk4 --target "127.0.0.1:$ECHO_PORT" --flow 127.0.0.1:21000 --flow 127.0.0.1:21001 \
  --flow 127.0.0.2:21002 --flow 127.0.0.3:21003
check "bulk: the same ports again at once (the last run ended with resets)" \
  bulk_ok bulk4-again --target "127.0.0.1:$ECHO_PORT" --flow 127.0.0.1:21000 --flow 127.0.0.1:21001
check "bulk: IPv6 with MSS 1440" \
  bulk_ok bulk6 --target "[::1]:$ECHO_PORT" --flow "[::1]:21004" --mss 1440
# A listener that accepts and never reads: the upload stalls once the buffers are full.
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4); print("listening", flush=True)
c, _ = s.accept(); time.sleep(30)' "$((ECHO_PORT + 3))" >"$E2E_OUT/sink.out" &
sink_pid=$!
stall_reported() {
  wait_for 10 "the silent listener" grep -q listening "$E2E_OUT/sink.out" || return 1
  lo_loadgen bulk-stall --mode bulk --target "127.0.0.1:$((ECHO_PORT + 3))" --flow 127.0.0.1:21005 \
    --direction up --bytes 100000000 --stall 500 --deadline 20 || return 1
  python3 -c '
import json, sys
up = json.load(open(sys.argv[1]))["flows"][0]["up"]
print("  upload:", up)
assert not up["complete"] and up["error"] == "stalled: no progress for 0.5 s" and 0 < up["done"] < up["bytes"], up' \
    "$E2E_OUT/bulk-stall.json"
}
check "bulk: an upload nobody reads stalls and says how far it got" stall_reported
kill "$sink_pid" 2>/dev/null; wait "$sink_pid" 2>/dev/null
sink_pid=""

# A run in the background: 50 held connections for up to 60 s.
start_background_run() {
  "$E2E_BIN/shoal-loadgen" --json --progress --mode tcp --target "127.0.0.1:$ECHO_PORT" -n 50 \
    --duration 60 --interval 100 >"$E2E_OUT/bg.json" 2>"$E2E_OUT/bg.err" &
  gen_pid=$!
  # Signals only once it prints progress: before that SIGUSR1 would still kill it.
  wait_for 15 "a progress line with open=50" grep -q 'open=50 ' "$E2E_OUT/bg.err"
}
interim_shows_all_open() {
  grep '"interim":true' "$E2E_OUT/bg.err" | tail -1 | grep -q '"open":50,'
}
check "the background run has 50 connections open" start_background_run
kill -USR1 "$gen_pid"
check "SIGUSR1 prints an interim JSON report with all 50 connections open" \
  wait_for 5 "interim report with open=50" interim_shows_all_open
kill -TERM "$gen_pid"
check "SIGTERM ends the run early and cleanly (exit 0)" wait "$gen_pid"
gen_pid=""
check "the final report says stopped_early and nothing broke" \
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["stopped_early"] and r["broken"] == 0 and r["established"] == 50 and r["elapsed_s"] < 30, r' \
  "$E2E_OUT/bg.json"

check "the background run has 50 connections open" start_background_run
kill -TERM "$echo_pid"
check "shoal-echo exits 0 on SIGTERM" wait "$echo_pid"
echo_pid=""
gen_status=0
wait "$gen_pid" || gen_status=$?
gen_pid=""
check "shoal-loadgen exits 3 when connections broke" test "$gen_status" -eq 3
check "all 50 connections count as broken when the server dies" \
  report bg --connections 50 --min-broken 50 --max-broken 50
e2e_finish
