#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Picks one TCP source port per server pair (ingress, owner) for flows from one client address
to a VIP: the *ingress* is the server the router's ECMP sends the flow to, the *owner* the
server whose bucket keeps the flow's SYN. Each candidate source port gets one probe connection
(connect, one echo, close with a reset so the port is free again at once): the echo reply names
the owner, and the data plane's own counters name the ingress, the only server whose XDP program
counted the probe's packets in the service's row other than as decapsulated GUE (the owner of a
forwarded flow counts only decapsulated packets). Nothing else uses the service while this runs;
health checks go to the DIPs, which count in no service's row.

(The router hashes each packet's 5-tuple, so a flow keeps its ingress. `ip route get ... sport`
would predict it for IPv4, but `ip -6 route get` leaves the ports out of the hash.)

Runs in the client namespace; reads the agents' control sockets (AGENT_DIR/SERVER.sock).
Bounded: --candidates ports from --first-port, one probe each at most (3 s timeout each).
Prints JSON {"pairs": [{"ingress", "owner", "source": "ADDR:PORT"}], "missing": [[ingress,
owner], ...], "probes", "ambiguous"} and exits 1 when a pair of the given servers was not found.
"""
import argparse
import http.client
import json
import socket
import struct
import sys

from lab_packets import lab_address


class AgentConnection(http.client.HTTPConnection):
    """HTTP to an agent's control API on its Unix socket."""

    def __init__(self, path: str):
        super().__init__("shoal", timeout=10)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(self.socket_path)


def direct_packets(agent_dir: str, server: str, service: str) -> int:
    """Packets the server's XDP program counted for SERVICE as they came from the router: every
    verdict in the service's row less those of decapsulated packets (each counts DECAP too)."""
    connection = AgentConnection(f"{agent_dir}/{server}.sock")
    try:
        connection.request("GET", "/v1/stats")
        answer = connection.getresponse()
        if answer.status != 200:
            raise RuntimeError(f"{server}: GET /v1/stats answered {answer.status}")
        stats = json.loads(answer.read())
    finally:
        connection.close()
    rows = [s["counters"] for s in stats["services"] if s["service"] == service]
    if not rows:
        raise RuntimeError(f"{server}: no service {service} in its stats")
    counters = rows[0]
    decap = counters.get("decap", {}).get("packets", 0)
    return sum(c["packets"] for name, c in counters.items() if name != "decap") - decap


def owner_of(vip, source, sport: int, port: int) -> str:
    family = socket.AF_INET if vip.version == 4 else socket.AF_INET6
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(3)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((str(source), sport))
        sock.connect((str(vip), port))
        sock.sendall(b"probe\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = sock.recv(256)
            if not chunk:
                break
            reply += chunk
        # A reset, not a FIN: no TIME_WAIT, so the transfer can use this 4-tuple next.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    server, _, message = reply.decode().strip().partition(" ")
    if message != "probe":
        raise RuntimeError(f"unexpected echo reply {reply!r} to a probe from {source}:{sport}")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vip", type=lab_address, required=True)
    parser.add_argument("--port", type=int, default=7000)
    parser.add_argument("--source", type=lab_address, required=True, help="the client address")
    parser.add_argument("--servers", required=True, help="comma-separated server names")
    parser.add_argument("--service", default="echo-tcp", help="the service behind VIP:PORT")
    parser.add_argument("--agent-dir", default="/run/shoal-lab/run", help="where SERVER.sock are")
    parser.add_argument("--first-port", type=int, default=20000,
                        help="below the ephemeral range, so no other socket takes one")
    parser.add_argument("--candidates", type=int, default=256, choices=range(1, 4097), metavar="1..4096")
    args = parser.parse_args()
    servers = args.servers.split(",")

    def counts():
        return {s: direct_packets(args.agent_dir, s, args.service) for s in servers}

    found, probes, ambiguous = {}, 0, 0
    before = counts()
    for sport in range(args.first_port, args.first_port + args.candidates):
        if len(found) == len(servers) ** 2:
            break
        owner = owner_of(args.vip, args.source, sport, args.port)
        probes += 1
        after = counts()
        delta = sorted(((after[s] - before[s], s) for s in servers), reverse=True)
        before = after
        # The probe's own packets (SYN, ACK, data...) all entered one server; a reset of the
        # previous probe still in flight may add one packet elsewhere.
        if delta[0][0] < 2 or delta[1][0] > 1:
            ambiguous += 1
            continue
        found.setdefault((delta[0][1], owner), sport)
    address = f"[{args.source}]" if args.source.version == 6 else str(args.source)
    pairs = [{"ingress": i, "owner": o, "source": f"{address}:{found[(i, o)]}"}
             for i in servers for o in servers if (i, o) in found]
    missing = [[i, o] for i in servers for o in servers if (i, o) not in found]
    print(json.dumps({"pairs": pairs, "missing": missing, "probes": probes, "ambiguous": ambiguous}))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
