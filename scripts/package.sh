#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds Shoal's Debian packages into BUILD/packages/ (default build/packages/):
#   shoal, shoal-tools, shoal-dbg, shoal-tools-dbg (cmake/ShoalPackaging.cmake lists their files)
#
#   scripts/package.sh [--build-dir BUILD]
#
# The packages come from the same tree scripts/test.sh builds (RelWithDebInfo: -O2 -g; the
# binaries are stripped into the -dbg packages): this re-runs the configure step with
# -DCMAKE_INSTALL_PREFIX=/usr, so the version is fresh from `git describe`, builds, and runs
# cpack. A first run configures BUILD as scripts/test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "scripts/package.sh: $*" >&2; exit 2; }
usage() { sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

build=build
while (($#)); do
  case $1 in
    --build-dir) [[ -n ${2:-} ]] || die "--build-dir wants a directory"; build=$2; shift 2 ;;
    -h | --help) usage ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

for tool in cmake cpack dpkg-deb dpkg-shlibdeps scdoc gzip objcopy readelf file; do
  command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

if [[ -f $build/CMakeCache.txt ]]; then
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
  [[ $type == RelWithDebInfo || $type == Release ]] ||
    die "$build is a '$type' build; packages are built from RelWithDebInfo or Release"
  cmake -S . -B "$build" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
else
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
fi
cmake --build "$build" -j"$(nproc)"

mkdir -p "$build/packages"
rm -f "$build"/packages/*.deb
(cd "$build" && cpack --config CPackConfig.cmake)
echo "scripts/package.sh: packages in $build/packages:"
for deb in "$build"/packages/*.deb; do
  printf '  %-48s %8s KiB\n' "$(basename "$deb")" "$(($(stat -c %s "$deb") / 1024))"
done
