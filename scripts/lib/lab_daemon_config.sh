# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# The shoald config generator (schema: docs/config.md), isolated so it can follow that schema
# as it evolves. From the lab's topology.json it writes $LAB_DIR/shoald/conductor.json (the
# conductor, run in ctl; with --store etcd also conductor2.json and conductor3.json) and
# $LAB_DIR/shoald/srvK.json (each server's agent). Called by start_agents and
# start_conductor, and again by add-server (the conductors then reload).
#
# Lab choices: one fleet hash key per lab (kept in shoald/hash_key, so add-server keeps it);
# server index = K - 1; services echo-tcp (id 0, HTTP health check on the DIP), echo-udp
# (id 1) and echo-udp-session (id 2) (TCP health check on the DIP's echo port); quick checks
# (500 ms interval, rise 2, fall 3), store re-check 200 ms, agent reports every 500 ms,
# rebuilds every 1 s, and a short chain window (SHOAL_LAB_CHAIN_WINDOW, default 15s) so the
# churn-guard test does not wait ten minutes. Metrics stay on 127.0.0.1:9469 inside each
# namespace; control sockets and the operator state live under $LAB_DIR.
# --store etcd: every daemon uses the lab's etcd members (prefix /shoal-lab, request timeout
# 500 ms, lease TTL 3 s, so a killed leader is replaced in about 3 s); each conductor also
# serves its control API on TCP at its host's address, port 9470 (where followers send
# shoalctl).
# SHOAL_LAB_LOAD_CONTROLLER (a JSON object, e.g. '{"interval": "1s"}') turns the load
# controller on with those settings, and each agent then reads its load from the file
# $LAB_DIR/load/srvK (written by the test: "0.42" or "42%").

write_daemon_configs() {
  local dir="$LAB_DIR/shoald"
  mkdir -p "$dir" "$LAB_DIR/store" "$LAB_DIR/run" "$LAB_DIR/conductor" "$LAB_DIR/load"
  [[ -s $dir/hash_key ]] || od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$dir/hash_key"
  python3 - "$LAB_DIR/topology.json" "$dir" "$(cat "$dir/hash_key")" \
    "${SHOAL_LAB_CHAIN_WINDOW:-15s}" "${SHOAL_LAB_LOAD_CONTROLLER:-}" <<'PY'
import json
import os
import sys

topology_path, out_dir, hash_key, chain_window, load_controller = sys.argv[1:6]
with open(topology_path, encoding="utf-8") as f:
    topo = json.load(f)
lab = topo["lab_dir"]
ports = topo["ports"]
vips = topo["vips"]["ipv4"] + topo["vips"]["ipv6"]
names = [s["name"] for s in topo["servers"]]
checks = {"interval": "500ms", "timeout": "250ms", "rise": 2, "fall": 3, "jitter": "50ms"}


def service(name, sid, protocol, port, check):
    return {"name": name, "id": sid, "vips": vips, "protocol": protocol, "ports": [port],
            "hash": "4tuple", "pool": names, "health_check": check}


fleet = {
    "hash_key": hash_key,
    "gue_port": ports["gue"],
    "table_bits": 16,
    "chain_window": chain_window,
    "max_moves_per_build": 0,
    "servers": [{"name": s["name"], "index": s["index"] - 1, "dip4": s["dip4"],
                 "dip6": s["dip6"], "weight": 100} for s in topo["servers"]],
    "services": [
        service("echo-tcp", 0, "tcp", ports["tcp_echo"],
                {"type": "http", "port": ports["http_health"], "path": "/health", **checks}),
        service("echo-udp", 1, "udp", ports["udp_echo"],
                {"type": "tcp", "port": ports["tcp_echo"], **checks}),
        service("echo-udp-session", 2, "udp", ports["udp_session"],
                {"type": "tcp", "port": ports["tcp_echo"], **checks}),
    ],
}
if topo["store"]["type"] == "etcd":
    store = {"type": "etcd", "endpoints": [m["client_url"] for m in topo["store"]["etcd"]],
             "prefix": "/shoal-lab", "keep_generations": 10, "check_interval": "1s",
             "request_timeout": "500ms", "lease_ttl": "3s", "grace": "30s"}
else:
    store = {"type": "file", "path": f"{lab}/store", "keep_generations": 10,
             "check_interval": "200ms"}
common = {
    "fleet": fleet,
    "store": store,
    "metrics": {"listen": "127.0.0.1:9469"},
    "log": {"level": "info"},
}


def write(name, config):
    path = f"{out_dir}/{name}.json"
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)


for c in topo["conductors"]:
    conductor = {"state_file": f"{lab}/conductor/{c['name']}-state.json", "rebuild_interval": "1s"}
    if load_controller:
        conductor["load_controller"] = json.loads(load_controller)
    write(c["name"], {**common,
                      "control": {"socket": c["socket"], "tcp": c["tcp"]},
                      "conductor": conductor})
for s in topo["servers"]:
    write(s["name"], {**common,
                      "control": {"socket": f"{lab}/run/{s['name']}.sock", "tcp": None},
                      "agent": {"server": s["name"], "interfaces": [s["ifname"]],
                                "xdp_mode": "native", "bpffs": s["bpffs"],
                                "report_interval": "500ms",
                                **({"load_source": {"type": "file", "path": f"{lab}/load/{s['name']}"}}
                                   if load_controller else {})}})
PY
}
