#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Shoal needs to build, test and run. Idempotent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang llvm lld clang-format
  libbpf-dev libxdp-dev xdp-tools bpftool linux-libc-dev libelf-dev zlib1g-dev
  libboost-dev libboost-system-dev
  nlohmann-json3-dev catch2 libfmt-dev libcli11-dev libsystemd-dev
  iproute2 ethtool procps curl jq python3 systemd prometheus openssl
  etcd-server etcd-client
  # Debian packages (scripts/package.sh) and their test (ctest -L package): cpack's
  # dpkg-deb and dpkg-shlibdeps, man pages, stripping and debug links, lintian, man -l.
  dpkg-dev scdoc gzip binutils file man-db lintian
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
