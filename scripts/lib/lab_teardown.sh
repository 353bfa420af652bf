# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# `lab down`: removes everything the lab made, found by name and in the lab directory, so it
# also cleans up after a run that crashed half way or lost its state.

lab_teardown() {
  local pids ns link mnt
  mapfile -t pids < <(lab_pids | sort -un)
  if ((${#pids[@]})); then
    lab_log "stopping ${#pids[@]} lab processes"
    stop_pids 5 "${pids[@]}"
  fi
  for ns in $(lab_namespaces); do
    ip netns del "$ns" || lab_log "could not delete namespace $ns"
  done
  # Veths are born inside the namespaces; a stray end in this namespace means an interrupted
  # `ip link add`, and it carries the lab's name.
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 |
    grep -E '^to-(router|ctl[0-9]*|srv[0-9]+|client[0-9]+)$' || true); do
    ip link del "$link" || lab_log "could not delete link $link"
  done
  # Unmounting the lab's bpffs drops every pin the agents made there.
  awk -v dir="$LAB_DIR" 'index($2, dir) == 1 {print $2}' /proc/mounts | sort -r |
    while read -r mnt; do
      umount "$mnt" || umount -l "$mnt" || lab_log "could not unmount $mnt"
    done
  rm -rf "$LAB_DIR"
  lab_leftovers && lab_log "down: nothing of the lab is left"
}

# Fails, naming each, if anything of the lab is still there.
lab_leftovers() {
  local left=0 ns
  for ns in $(lab_namespaces); do lab_log "left over: namespace $ns"; left=1; done
  if grep -q " $LAB_DIR" /proc/mounts; then lab_log "left over: mounts under $LAB_DIR"; left=1; fi
  if [[ -e $LAB_DIR ]]; then lab_log "left over: $LAB_DIR"; left=1; fi
  return "$left"
}
