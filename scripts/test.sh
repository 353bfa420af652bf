#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's test command: installs what is needed, builds, and runs every test.
# Extra arguments go to ctest (e.g. `scripts/test.sh -L unit`).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "scripts/test.sh: run as root (tests load BPF programs and build namespaces)" >&2; exit 2; }

bash scripts/install-deps.sh
# Warnings are errors here (CI runs this script); ccache is used when installed.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHOAL_WERROR=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure --timeout 900 "$@"
