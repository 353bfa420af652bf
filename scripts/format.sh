#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The formatting of the tree, applied and checked in one place (docs/style.md).
#   scripts/format.sh          applies clang-format to every C and C++ file git tracks outside
#                              the pending folders (kernel style under bpf/, the C++ style
#                              everywhere else: .clang-format)
#   scripts/format.sh --check  changes nothing; lists what breaks the rules below and exits 1
#                              if anything does (the ctest test `style`, run by scripts/test.sh)
# Rules checked: clang-format leaves the file as it is; an SPDX line in the first 3 lines of
# every source file (C, C++, CMake, shell, Python); no C or C++ file over 600 lines.
# Folders named in scripts/style-pending.txt are not yet formatted: both modes leave them out
# of clang-format (so formatting never rewrites code another branch is changing); to format
# them, remove them from that file and run this script.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=apply
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 2 ;;
esac

# One clang-format version for everyone: another major version formats differently.
clang_format=""
for candidate in clang-format-14 clang-format; do
  if command -v "$candidate" >/dev/null && "$candidate" --version | grep -q "version 14\."; then
    clang_format=$candidate
    break
  fi
done
if [ -z "$clang_format" ]; then
  echo "scripts/format.sh: clang-format 14 not found (Debian package clang-format; scripts/install-deps.sh)" >&2
  exit 2
fi

mapfile -t sources < <(git ls-files -- '*.c' '*.h' '*.cpp')

pending=()
if [ -f scripts/style-pending.txt ]; then
  mapfile -t pending < <(grep -v '^\s*\(#\|$\)' scripts/style-pending.txt)
fi
is_pending() {
  local path=$1 folder
  for folder in "${pending[@]}"; do
    case "$path" in "$folder"/*) return 0 ;; esac
  done
  return 1
}

to_format=()
for f in "${sources[@]}"; do
  is_pending "$f" || to_format+=("$f")
done

if [ "$mode" = apply ]; then
  printf '%s\0' "${to_format[@]}" | xargs -0 "$clang_format" -i
  echo "scripts/format.sh: formatted ${#to_format[@]} files (${#pending[@]} folders pending)"
  exit 0
fi

problems=0
# --dry-run -Werror prints one "file:line:col: error: code should be clang-formatted" per spot.
if ! unformatted=$(printf '%s\0' "${to_format[@]}" |
                   xargs -0 "$clang_format" --dry-run -Werror 2>&1); then
  echo "$unformatted" | grep ': error: ' | cut -d: -f1 | sort -u |
    sed 's|^|not formatted (run scripts/format.sh): |'
  problems=1
fi

mapfile -t all_sources < <(git ls-files -- '*.c' '*.h' '*.cpp' '*.cmake' '*CMakeLists.txt' '*.sh' '*.py')
# One awk and one wc over all files: a fork per file takes longer than the checks.
missing_spdx=$(printf '%s\0' "${all_sources[@]}" | xargs -0 awk '
  FNR == 1 { if (NR > 1 && !found) print file; file = FILENAME; found = 0 }
  FNR <= 3 && /SPDX-License-Identifier:/ { found = 1 }
  END { if (NR > 0 && !found) print file }')
if [ -n "$missing_spdx" ]; then
  echo "$missing_spdx" | sed 's/^/no SPDX line in the first 3 lines: /'
  problems=1
fi
too_long=$(printf '%s\0' "${sources[@]}" | xargs -0 wc -l | awk '$2 != "total" && $1 > 600')
if [ -n "$too_long" ]; then
  echo "$too_long" | awk '{ print "over 600 lines (" $1 "): " $2 }'
  problems=1
fi

if [ "$problems" -ne 0 ]; then
  echo "scripts/format.sh --check: the rules of docs/style.md are broken above" >&2
  exit 1
fi
echo "scripts/format.sh --check: ${#sources[@]} files follow the style (${#to_format[@]} formatted; ${#pending[@]} folders pending)"
