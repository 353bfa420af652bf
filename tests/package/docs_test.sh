#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ctest package.docs (label unit): what an operator reads and types, checked in the build tree
# without installing anything (package.debian checks the installed copies):
#   1. the man pages the build made from docs/man/*.scd render with no man/groff warnings;
#   2. shoald.json(5) names every field docs/config.md's tables define;
#   3. every verb and long option `shoalctl --help` lists is in shoalctl(8) and the completion;
#   4. the completion offers verbs and options, offers nothing and says nothing when no daemon
#      answers, and offers the server and service names of a running daemon: a real
#      conductor-only shoald on a socket in a temporary directory, named on the line (--socket).
#
#   docs_test.sh SOURCE_DIR BUILD_DIR SHOALD SHOALCTL
set -Eeuo pipefail
SRC=$1
BUILD=$2
SHOALD=$3
SHOALCTL=$4
COMPLETION=$SRC/deploy/bash-completion/shoalctl
# shellcheck source=tests/package/package_lib.sh
source "$SRC/tests/package/package_lib.sh"

WORK=$(mktemp -d /tmp/shoal-docs-test.XXXXXX)
DAEMON_PID=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n $DAEMON_PID ]]; then kill "$DAEMON_PID" 2>/dev/null; wait "$DAEMON_PID" 2>/dev/null; fi
  ((rc == 0)) || [[ ! -s $WORK/shoald.log ]] || { echo "--- shoald's log:"; cat "$WORK/shoald.log"; } >&2
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

# complete WORD...: what the completion offers for the line "WORD... " with the cursor on
# the last WORD (give "" to complete a new word), one line, as bash would get it. The
# shoalctl on the line is the one built here.
complete_line() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  PATH="$(dirname "$SHOALCTL"):$PATH" bash -c 'source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _shoalctl; echo "${COMPREPLY[*]}"' _ "$COMPLETION" shoalctl "$@"
}

# --- 1. man pages --------------------------------------------------------------------------------
step "man pages built from docs/man/*.scd render without warnings"
for page in shoald.8 shoalctl.8 shoald.json.5; do
  file=$BUILD/man/$page.gz
  [[ -f $file ]] || fail "$file not built (scdoc missing? run scripts/install-deps.sh and reconfigure)"
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$file" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "man $page warns: $warnings"
  text=$(MANWIDTH=80 man -l "$file" 2>/dev/null)
  for section in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
    grep -x "$section" <<<"$text" >/dev/null || fail "man $page has no $section section"
  done
  ! grep -F '@' <<<"$text" | grep -E '@[A-Z_]+@' >/dev/null || fail "man $page has an unfilled @VARIABLE@"
  echo "man $page: renders, no warnings"
done

# --- 2. shoald.json(5) against docs/config.md ------------------------------------------------------
step "shoald.json(5) names every field of docs/config.md"
# shellcheck disable=SC2016 # backquotes of Markdown, not a command
fields=$(sed -n 's/^| `\([a-z0-9_]*\)`.*/\1/p' "$SRC/docs/config.md" | sort -u)
[[ $(wc -l <<<"$fields") -gt 50 ]] || fail "found only $(wc -l <<<"$fields") fields in docs/config.md's tables"
missing=()
for f in $fields; do
  # As *field* or *section.field* in the scdoc source (bold).
  grep -E "\*([a-z0-9_]+\.)*$f\*" "$SRC/docs/man/shoald.json.5.scd" >/dev/null || missing+=("$f")
done
((${#missing[@]} == 0)) || fail "docs/man/shoald.json.5.scd lacks fields of docs/config.md: ${missing[*]}"
echo "$(wc -l <<<"$fields") fields, all in shoald.json(5)"

# --- 3. shoalctl's verbs and options in its man page and completion ----------------------------
step "every verb and long option of shoalctl --help is in shoalctl(8) and the completion"
help=$("$SHOALCTL" --help)
verbs=$(sed -n '/^Subcommands:/,$p' <<<"$help" | sed -n 's/^  \([a-z]\+\) .*/\1/p')
[[ $(wc -l <<<"$verbs") -ge 10 ]] || fail "found only these verbs in shoalctl --help: $verbs"
options=$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
for verb in $verbs; do
  options+=$'\n'$("$SHOALCTL" "$verb" --help | grep -o -- '--[a-z][a-z-]*' || true)
done
options=$(sort -u <<<"$options")
man_text=$(MANWIDTH=200 man -l "$BUILD/man/shoalctl.8.gz" 2>/dev/null)
man_verbs=$(sed -n '/^VERBS/,/^[A-Z]/p' <<<"$man_text")
completion_verbs=$(complete_line "")
for verb in $verbs; do
  grep -E "^ {7}$verb( |$)" <<<"$man_verbs" >/dev/null || fail "shoalctl(8) does not describe the verb $verb"
  grep -w -- "$verb" <<<"$completion_verbs" >/dev/null || fail "the completion does not offer the verb $verb"
done
for option in $options; do
  grep -F -- "$option" <<<"$man_text" >/dev/null || fail "shoalctl(8) does not mention $option"
  grep -F -- "$option" "$COMPLETION" >/dev/null || fail "the completion does not know $option"
done
echo "verbs: $(tr '\n' ' ' <<<"$verbs")"
echo "options: $(tr '\n' ' ' <<<"$options")"

# --- 4. the completion -----------------------------------------------------------------------------
step "completion: verbs and options; silence without a daemon; names from a running one"
[[ $(complete_line dr) == drain ]] || fail "'shoalctl dr' gives '$(complete_line dr)', not drain"
[[ $(complete_line ve) == version ]] || fail "'shoalctl ve' gives '$(complete_line ve)', not version"
[[ $(complete_line --vers) == --version ]] || fail "'shoalctl --vers' gives '$(complete_line --vers)'"
[[ $(complete_line drain --w) == --wait ]] || fail "'shoalctl drain --w' gives '$(complete_line drain --w)'"
[[ $(complete_line status -o "") == "table json" ]] || fail "'shoalctl status -o ' gives '$(complete_line status -o "")'"
[[ $(complete_line status --output = j) == json ]] || fail "'shoalctl status --output=j' gives '$(complete_line status --output = j)'"
[[ $(complete_line --timeout = 5s dr) == drain ]] || fail "'shoalctl --timeout=5s dr' gives '$(complete_line --timeout = 5s dr)'"
[[ $(complete_line plan "") == "drain undrain weight" ]] || fail "'shoalctl plan ' gives '$(complete_line plan "")'"
echo "verbs, options and their values complete"

SOCKET=$WORK/shoald.sock
quiet=$(complete_line --socket "$SOCKET" drain "" 2>&1)
[[ -z $quiet ]] || fail "with no daemon on $SOCKET, 'shoalctl drain ' printed '$quiet'"
echo "no daemon: no names offered, nothing printed"

cat >"$WORK/shoal.json" <<JSON
{"fleet": {"hash_key": "000102030405060708090a0b0c0d0e0f", "table_bits": 8,
           "servers": [{"name": "srv1", "index": 0, "dip4": "198.18.0.1"},
                       {"name": "srv2", "index": 1, "dip4": "198.18.0.2"},
                       {"name": "edge-3", "index": 2, "dip4": "198.18.0.3"}],
           "services": [{"name": "web", "id": 0, "vips": ["198.18.100.1"], "protocol": "tcp",
                         "ports": [80], "pool": ["srv1", "srv2"]},
                        {"name": "dns", "id": 1, "vips": ["198.18.100.53"], "protocol": "udp",
                         "ports": [53], "pool": ["srv2", "edge-3"]}]},
 "store": {"path": "$WORK/store"},
 "control": {"socket": "$SOCKET"},
 "metrics": {"listen": null},
 "conductor": {"state_file": "$WORK/operator-state.json", "rebuild_interval": "500ms"}}
JSON
"$SHOALD" --config "$WORK/shoal.json" >"$WORK/shoald.log" 2>&1 &
DAEMON_PID=$!
wait_for 30 "shoald answering on $SOCKET" "$SHOALCTL" --socket "$SOCKET" status
servers=$(complete_line --socket "$SOCKET" drain "")
[[ $servers == "srv1 srv2 edge-3" ]] || fail "'shoalctl --socket S drain ' gives '$servers'"
[[ $(complete_line --socket "$SOCKET" weight e) == edge-3 ]] || fail "'weight e' gives '$(complete_line --socket "$SOCKET" weight e)'"
# As bash splits "--socket=PATH" (= is in COMP_WORDBREAKS).
[[ $(complete_line --socket = "$SOCKET" plan drain s) == "srv1 srv2" ]] ||
  fail "'--socket=S plan drain s' gives '$(complete_line --socket = "$SOCKET" plan drain s)'"
[[ $(complete_line --socket "$SOCKET" table --service "") == "web dns" ]] ||
  fail "'table --service ' gives '$(complete_line --socket "$SOCKET" table --service "")'"
[[ -z $(complete_line --socket "$SOCKET" drain srv1 "") ]] || fail "'drain srv1 ' offers a second server"
echo "from the daemon: servers '$servers', services 'web dns'"
