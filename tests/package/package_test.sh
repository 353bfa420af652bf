#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ctest package.debian (label package): Shoal's Debian packages, built and tried on this machine.
#   1. scripts/package.sh builds shoal, shoal-tools, shoal-dbg and shoal-tools-dbg: what each
#      holds (no test binaries, stripped binaries, debug symbols by build id), their sizes.
#   2. lintian: no errors (every tag it reports is printed).
#   3. dpkg -i: group shoal, /etc/shoal root:shoal 0750, shoald --check-config on the shipped
#      example, systemd-analyze verify on the installed unit, each man page renders without
#      warnings, completion answers for a verb (and offers no names, silently, without a
#      daemon), both binaries' --version and `shoalctl version` name the package's version, a
#      git commit and the data-plane format, shoal-lab brings a lab up and down.
#   4. The installed shoald (agent and conductor, at the defaults: /run/shoal/shoald.sock,
#      /sys/fs/bpf/shoal) on a veth in a throwaway namespace: completion offers its servers;
#      reinstalling (an upgrade: prerm upgrade) keeps the data plane; dpkg -r detaches it
#      (prerm remove runs shoalctl detach); dpkg --purge leaves no file, group or pin.
#   5. shoald killed with its data plane pinned: removal still succeeds and says what is left,
#      and the purge removes the pins.
# (`cmd | grep >/dev/null`, not grep -q: with pipefail, cmd must not die of SIGPIPE.)
# Everything it made goes on exit, also after a failure. It skips a machine where Shoal is
# installed or has left state. Run it under the shared lock:
#   flock /tmp/shoal-netns.lock ctest --test-dir build -L package --output-on-failure
set -Eeuo pipefail
SRC=$1
BUILD=$2
PKG_DIR=$BUILD/packages
NS=shoal-pkg
PACKAGES=(shoal-tools-dbg shoal-dbg shoal-tools shoal)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
# shellcheck source=tests/package/package_lib.sh
source "$SRC/tests/package/package_lib.sh"

[[ $(id -u) -eq 0 ]] || skip "needs root (dpkg -i, namespaces, XDP)"
for tool in lintian dpkg-deb man systemd-analyze nsenter ip file readelf; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/install-deps.sh"
done
for p in "${PACKAGES[@]}"; do
  ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep 'installed' >/dev/null ||
    skip "package $p is installed here; this test installs and purges its own and leaves it alone"
done
for p in /etc/shoal /var/lib/shoal /run/shoal /sys/fs/bpf/shoal /usr/lib/shoal /usr/share/shoal \
  /run/shoal-lab/topology.env; do
  [[ ! -e $p ]] || skip "$p exists (Shoal installed, its state left, or a lab up); not touching it"
done
! getent group shoal >/dev/null || skip "group shoal exists; not touching it"

WORK=$(mktemp -d /tmp/shoal-package-test.XXXXXX)
DAEMON_PID=""
LAB_UP=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n $DAEMON_PID ]]; then kill "$DAEMON_PID" 2>/dev/null; wait "$DAEMON_PID" 2>/dev/null; fi
  [[ -z $LAB_UP ]] || /usr/sbin/shoal-lab down >/dev/null 2>&1
  ip netns del "$NS" 2>/dev/null
  dpkg --purge "${PACKAGES[@]}" >/dev/null 2>&1
  # None of these existed before the test (checked above).
  rm -rf /etc/shoal /var/lib/shoal /run/shoal /sys/fs/bpf/shoal
  ! getent group shoal >/dev/null || groupdel shoal
  rm -rf "$WORK"
  ((rc == 0)) || echo "package.debian failed (exit $rc); the machine is back as it was" >&2
  exit "$rc"
}
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true # a crashed earlier run's

# --- 1. build ----------------------------------------------------------------------------------
step "build the packages: scripts/package.sh --build-dir $BUILD"
if ! "$SRC/scripts/package.sh" --build-dir "$BUILD" >"$WORK/package.txt" 2>&1; then
  cat "$WORK/package.txt"
  fail "scripts/package.sh failed"
fi
grep -v '^\[[0-9]*/[0-9]*\]' "$WORK/package.txt" # without ninja's progress lines
SHOAL=$(deb_of shoal)
TOOLS=$(deb_of shoal-tools)
SHOAL_DBG=$(deb_of shoal-dbg)
TOOLS_DBG=$(deb_of shoal-tools-dbg)
DEBS=("$SHOAL" "$TOOLS" "$SHOAL_DBG" "$TOOLS_DBG")

step "package contents"
expect_files "$SHOAL" usr/sbin/shoald usr/sbin/shoalctl lib/systemd/system/shoald.service \
  etc/shoal/shoal.json.example usr/share/man/man8/shoald.8.gz usr/share/man/man8/shoalctl.8.gz \
  usr/share/man/man5/shoald.json.5.gz usr/share/bash-completion/completions/shoalctl \
  usr/share/shoal/prometheus/shoal-alerts.yml usr/share/shoal/grafana/shoal-dashboard.json \
  usr/share/doc/shoal/copyright usr/share/doc/shoal/changelog.gz usr/share/doc/shoal/config.md
expect_files "$TOOLS" usr/bin/shoal-bench usr/bin/shoal-sim usr/bin/shoal-loadgen usr/bin/shoal-echo \
  usr/sbin/shoal-lab usr/lib/shoal/lab/scripts/lab usr/lib/shoal/lab/bpf/shoal_noop.bpf.o \
  usr/lib/shoal/lab/bin/shoald usr/share/doc/shoal-tools/copyright
for deb in "${DEBS[@]}"; do
  if dpkg-deb -c "$deb" | awk '{print $6}' | grep -Ei 'catch|_tests?($|[._/])|/tests?/'; then
    fail "$(basename "$deb") ships test files (above)"
  fi
done
dpkg-deb -f "$SHOAL" Depends | grep 'libbpf' >/dev/null || fail "shoal's Depends lack the computed libbpf"
dpkg-deb -I "$SHOAL" conffiles | grep -x /etc/shoal/shoal.json.example >/dev/null || fail "example config is no conffile"
for deb in "${DEBS[@]}"; do
  printf '%-44s %7d KiB  installed %7s KiB  Depends: %s\n' "$(basename "$deb")" \
    "$(($(stat -c %s "$deb") / 1024))" "$(dpkg-deb -f "$deb" Installed-Size)" "$(dpkg-deb -f "$deb" Depends)"
done
for deb in "$SHOAL" "$TOOLS"; do
  dpkg-deb -c "$deb" | awk '$1 ~ /^-/ && $6 ~ /bin\/shoal/ && $6 !~ /shoal-lab$/ {printf "  %-28s %10d bytes (stripped)\n", $6, $3}'
done

# --- 2. lintian --------------------------------------------------------------------------------
step "lintian (fails on errors; every tag shown)"
lintian --fail-on error --display-info --tag-display-limit 0 "${DEBS[@]}" 2>&1 | tee "$WORK/lintian.txt" ||
  fail "lintian reports errors"
echo "lintian: $(grep -c '^E:' "$WORK/lintian.txt" || true) errors, $(grep -c '^W:' "$WORK/lintian.txt" || true) warnings, $(grep -c '^I:' "$WORK/lintian.txt" || true) infos"

# --- 3. install --------------------------------------------------------------------------------
snapshot >"$WORK/before.txt"
step "dpkg -i ${DEBS[*]##*/}"
dpkg -i "${DEBS[@]}"
dpkg -L "${PACKAGES[@]}" | sort -u >"$WORK/listed.txt"

step "installed: group, /etc/shoal, example config, unit, man pages, completion, debug symbols"
getent group shoal >/dev/null || fail "no group shoal"
[[ $(stat -c '%U:%G %a' /etc/shoal) == "root:shoal 750" ]] || fail "/etc/shoal is $(stat -c '%U:%G %a' /etc/shoal)"
shoald --check-config --config /etc/shoal/shoal.json.example
verify=$(systemd-analyze verify /lib/systemd/system/shoald.service 2>&1) || fail "systemd-analyze verify: $verify"
[[ -z $verify ]] || fail "systemd-analyze verify warns: $verify"
grep -qx 'ExecStart=/usr/sbin/shoald --config /etc/shoal/shoal.json' /lib/systemd/system/shoald.service ||
  fail "the installed unit does not run /usr/sbin/shoald"
for page in "8 shoald" "8 shoalctl" "5 shoald.json"; do
  # shellcheck disable=SC2086 # "SECTION NAME"
  file=$(man -w $page) || fail "man $page: not installed"
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$file" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "man $page warns: $warnings"
  MANWIDTH=80 man -l "$file" 2>/dev/null | grep '^SYNOPSIS' >/dev/null || fail "man $page does not render"
  echo "man $page: $file renders, no warnings"
done
reply=$(bash -c 'source /usr/share/bash-completion/completions/shoalctl
  COMP_WORDS=(shoalctl dr); COMP_CWORD=1; _shoalctl; echo "${COMPREPLY[*]}"')
[[ $reply == drain ]] || fail "completing 'shoalctl dr' gives '$reply', not 'drain'"
echo "completion: 'shoalctl dr' -> $reply"
reply=$(bash -c 'source /usr/share/bash-completion/completions/shoalctl
  COMP_WORDS=(shoalctl drain ""); COMP_CWORD=2; _shoalctl; echo "${COMPREPLY[*]}"' 2>&1)
[[ -z $reply ]] || fail "with no daemon running, completing 'shoalctl drain ' gives '$reply'"
echo "completion: 'shoalctl drain ' with no daemon -> nothing, silently"
deb_version=$(dpkg-deb -f "$SHOAL" Version)
for command in "shoald --version" "shoalctl --version" "shoalctl version"; do
  # shellcheck disable=SC2086 # "PROGRAM ARGUMENT"
  out=$($command) || fail "$command exits $?"
  [[ $(head -n 1 <<<"$out") == "${command%% *} $deb_version" ]] ||
    fail "$command says '$(head -n 1 <<<"$out")'; the package's version is $deb_version"
  grep -E '^git commit [0-9a-f]{40}$' <<<"$out" >/dev/null || fail "$command names no git commit: $out"
  grep -E '^data-plane format [0-9]+$' <<<"$out" >/dev/null || fail "$command names no data-plane format: $out"
done
echo "shoald --version, shoalctl --version and shoalctl version: $deb_version, $(sed -n 2,3p <<<"$out" | paste -sd ',' | sed 's/,/, /')"
for binary in /usr/sbin/shoald /usr/sbin/shoalctl /usr/bin/shoal-bench; do
  file -L "$binary" | grep ', stripped' >/dev/null || fail "$binary is not stripped"
  id=$(readelf -n "$binary" | sed -n 's/.*Build ID: //p')
  [[ -f /usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug ]] || fail "no debug symbols for $binary ($id)"
done
echo "binaries stripped, their debug symbols installed under /usr/lib/debug/.build-id"

step "shoal-lab up --servers 2 (the installed lab, agents from the package), then down"
LAB_UP=1
shoal-lab up --servers 2 >"$WORK/lab.txt" 2>&1 || { cat "$WORK/lab.txt"; fail "shoal-lab up failed"; }
status=$(shoal-lab status --json)
agents=$({ grep -o '"agent": {"pid": [0-9]*, "running": true' <<<"$status" || true; } | wc -l)
((agents == 2)) || { echo "$status"; fail "$agents of the lab's 2 agents run"; }
shoal-lab down >/dev/null
LAB_UP=""
echo "the lab came up with 2 servers and their agents, and went down"

# --- 4. a running shoald: completion, upgrade, remove, purge ------------------------------------
step "the installed shoald on a veth in namespace $NS, at the default socket and pin paths"
ip netns add "$NS"
ip -n "$NS" link add pkg0 type veth peer name pkg0p
ip -n "$NS" addr add 198.18.0.1/24 dev pkg0
for link in lo pkg0 pkg0p; do ip -n "$NS" link set "$link" up; done
write_config() {
  cat >/etc/shoal/shoal.json <<'JSON'
{"fleet": {"hash_key": "000102030405060708090a0b0c0d0e0f", "table_bits": 8,
           "servers": [{"name": "srv1", "index": 0, "dip4": "198.18.0.1"},
                       {"name": "srv2", "index": 1, "dip4": "198.18.0.2"}],
           "services": [{"name": "web", "id": 0, "vips": ["198.18.100.1"], "protocol": "tcp",
                         "ports": [80], "pool": ["srv1", "srv2"]}]},
 "metrics": {"listen": null},
 "agent": {"server": "srv1", "interfaces": ["pkg0"], "report_interval": "200ms"},
 "conductor": {"rebuild_interval": "500ms"}}
JSON
}
start_daemon() {
  nsenter --net="/run/netns/$NS" /usr/sbin/shoald --config /etc/shoal/shoal.json >>"$WORK/shoald.log" 2>&1 &
  DAEMON_PID=$!
  wait_for 30 "shoald answering on /run/shoal/shoald.sock" shoalctl status
  wait_for 30 "the data plane pinned in /sys/fs/bpf/shoal and attached to pkg0" data_plane_up
}
data_plane_up() { [[ -e /sys/fs/bpf/shoal/shoal_xdp_prog ]] && ip -n "$NS" link show pkg0 | grep 'prog/xdp' >/dev/null; }
data_plane_gone() { [[ ! -e /sys/fs/bpf/shoal/shoal_xdp_prog ]] && ! ip -n "$NS" link show pkg0 | grep 'prog/xdp' >/dev/null; }
stop_daemon() { # stop_daemon SIGNAL
  kill "-$1" "$DAEMON_PID"
  wait "$DAEMON_PID" || true
  DAEMON_PID=""
}
write_config
start_daemon
reply=$(bash -c 'source /usr/share/bash-completion/completions/shoalctl
  COMP_WORDS=(shoalctl drain ""); COMP_CWORD=2; _shoalctl; echo "${COMPREPLY[*]}"')
[[ $reply == "srv1 srv2" ]] || fail "completing 'shoalctl drain ' gives '$reply', not the daemon's 'srv1 srv2'"
echo "completion: 'shoalctl drain ' -> $reply (from the running daemon)"

step "upgrade (dpkg -i of shoal again: prerm upgrade, postinst configure): the data plane stays"
dpkg -i "$SHOAL"
data_plane_up || fail "the upgrade took the data plane down"
shoalctl status >/dev/null || fail "shoald stopped answering over the upgrade"
echo "data plane still attached and pinned, shoald answering"

step "dpkg -r: prerm remove detaches the data plane"
dpkg -r "${PACKAGES[@]}" 2>&1 | tee "$WORK/remove.txt"
grep -q 'shoal: data plane detached' "$WORK/remove.txt" || fail "prerm did not say it detached"
data_plane_gone || fail "the data plane is still there after dpkg -r"
[[ -f /etc/shoal/shoal.json ]] || fail "dpkg -r removed the operator's config"
stop_daemon TERM
echo "detached (no pins, no XDP on pkg0); config kept until purge"

step "dpkg --purge: no file, group or pin left"
dpkg --purge "${PACKAGES[@]}"
for p in /etc/shoal /var/lib/shoal /run/shoal /sys/fs/bpf/shoal; do [[ ! -e $p ]] || fail "$p left after purge"; done
! getent group shoal >/dev/null || fail "group shoal left after purge"
snapshot >"$WORK/after.txt"
compare_snapshots "$WORK/before.txt" "$WORK/after.txt" "$WORK/listed.txt"
echo "nothing left: $(wc -l <"$WORK/listed.txt") packaged paths, state, group and pins all gone"

# --- 5. removal with shoald dead and its data plane pinned --------------------------------------
step "shoald killed (SIGKILL) with its data plane pinned, then dpkg --purge shoal"
dpkg -i "$SHOAL" >/dev/null
write_config
start_daemon
stop_daemon KILL
dpkg --purge shoal 2>&1 | tee "$WORK/purge.txt"
grep -q 'may still' "$WORK/purge.txt" || fail "prerm did not say the data plane may still be attached"
for p in /etc/shoal /var/lib/shoal /run/shoal /sys/fs/bpf/shoal; do [[ ! -e $p ]] || fail "$p left after purge"; done
! getent group shoal >/dev/null || fail "group shoal left after purge"
snapshot >"$WORK/after.txt"
compare_snapshots "$WORK/before.txt" "$WORK/after.txt" "$WORK/listed.txt"
echo "removal succeeded without a daemon, pins purged"

step "done"
