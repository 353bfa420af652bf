# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Helpers of package_test.sh: steps with timings, waits with deadlines, what a package holds,
# and snapshots of the machine to prove a purge leaves nothing behind.

PKG_START=$SECONDS
step() { printf '\n=== [%3ds] %s\n' "$((SECONDS - PKG_START))" "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s until it succeeds.
wait_for() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${limit}s"
    sleep 0.2 # polling another process's state
  done
}

# deb_of NAME: the package file NAME_*.deb in $PKG_DIR.
deb_of() {
  local f
  f=$(find "$PKG_DIR" -maxdepth 1 -name "$1_*.deb" | head -n 1)
  [[ -n $f ]] || fail "no $1_*.deb in $PKG_DIR"
  echo "$f"
}

# expect_files DEB PATH...: the package holds every PATH (as ./PATH in dpkg-deb -c).
expect_files() {
  local deb=$1 listing p
  shift
  listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
  for p in "$@"; do
    grep -qxF "./$p" <<<"$listing" || fail "$(basename "$deb") lacks /$p"
  done
}

# Paths that may be touched by the packages: everything under these roots, the volatile
# package databases left out (their file sets do not change with our packages anyway).
snapshot() {
  {
    # find fails on paths that vanish while it walks; what it listed is still a fair picture.
    find /etc /usr /var/lib /sys/fs/bpf -xdev \
      \( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/lib/ucf \) -prune -o -print 2>/dev/null || true
    find /run -maxdepth 1 -name 'shoal*' 2>/dev/null || true
    getent group shoal | sed 's/^/group:/' || true
  } | sort
}

# compare_snapshots BEFORE AFTER LISTED: paths that are new since BEFORE and either belong to
# our packages (LISTED: their dpkg -L) or name shoal. Other processes on this machine may
# create unrelated files meanwhile; those are not ours to judge.
compare_snapshots() {
  local added ours
  added=$(comm -13 "$1" "$2")
  ours=$({
    grep -xF -f "$3" <<<"$added" || true
    grep -i shoal <<<"$added" || true
  } | sort -u)
  [[ -z $ours ]] || fail "left behind:"$'\n'"$ours"
}
