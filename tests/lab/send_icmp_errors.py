#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sends spoofed ICMP errors the way an attacker on the Internet would (issue 13): ICMPv4
destination unreachable (fragmentation needed, and other codes) or ICMPv6 packet too big and
destination unreachable, each quoting a TCP or UDP segment *from the VIP's service port* to a
client address, so that it looks like an error about one of the service's flows. The outer
packet goes to the given targets (servers' DIPs, or VIPs) with a spoofed source and a TTL / hop
limit of 255, the most room a packet can have to circle.

Bounded: --count packets in all (at most 10000), cycling through targets, ICMP kinds and TCP/UDP,
from raw IP sockets in the namespace it runs in; then it exits. Every address it writes is
checked to be a lab address. Prints one JSON line: what it sent.
"""
import argparse
import ipaddress
import json
import random
import socket
import struct
import sys

from lab_packets import (IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP, LAB_NETS,
                         checksum, ip_header, lab_address, pseudo_header)

# (type, code, name); the 4-byte field after the checksum carries the MTU where it has one.
ICMP4_KINDS = [(3, 4, "frag_needed"), (3, 1, "host_unreachable"), (3, 3, "port_unreachable"),
               (3, 13, "admin_prohibited")]
ICMP6_KINDS = [(2, 0, "packet_too_big"), (1, 0, "no_route"), (1, 3, "address_unreachable"),
               (1, 4, "port_unreachable")]
QUOTED_LEN = 1500  # the quoted packet claims to be a full-size segment


def quoted_packet(vip, client, proto: int, vip_port: int, client_port: int) -> bytes:
    """The start of a packet the server supposedly sent: VIP:port -> client, TCP or UDP."""
    if proto == IPPROTO_TCP:
        l4 = struct.pack("!HHIIBBHHH", vip_port, client_port, 0x1000, 0x2000, 5 << 4, 0x18,
                         502, 0, 0)
    else:
        l4 = struct.pack("!HHHH", vip_port, client_port, QUOTED_LEN - (20 if vip.version == 4 else 40), 0)
    l4 += b"\xab" * 8  # a little payload: the quote is cut short, as routers cut it
    return ip_header(vip, client, proto, QUOTED_LEN - (20 if vip.version == 4 else 40), ttl=63) + l4


def icmp_error(src, dst, kind, quote: bytes) -> bytes:
    icmp_type, code, _ = kind
    if src.version == 4:
        rest = 1400 if (icmp_type, code) == (3, 4) else 0  # next-hop MTU (RFC 1191)
        message = struct.pack("!BBHI", icmp_type, code, 0, rest) + quote
        return message[:2] + struct.pack("!H", checksum(message)) + message[4:]
    rest = 1280 if icmp_type == 2 else 0  # the MTU of a packet too big
    message = struct.pack("!BBHI", icmp_type, code, 0, rest) + quote
    csum = checksum(pseudo_header(src, dst, IPPROTO_ICMPV6, len(message)) + message)
    return message[:2] + struct.pack("!H", csum) + message[4:]


def address_range(text: str):
    """FIRST-LAST (or one address): a list of lab addresses of one family."""
    first_text, _, last_text = text.partition("-")
    first = lab_address(first_text)
    last = lab_address(last_text) if last_text else first
    if first.version != last.version or int(last) < int(first) or int(last) - int(first) > 65535:
        raise argparse.ArgumentTypeError(f"{text}: not a range FIRST-LAST of one family")
    return [ipaddress.ip_address(int(first) + i) for i in range(int(last) - int(first) + 1)]


def lab_network(text: str):
    net = ipaddress.ip_network(text, strict=False)
    if not any(net.subnet_of(lab) for lab in LAB_NETS if lab.version == net.version):
        raise argparse.ArgumentTypeError(f"{text} is not inside the lab's ranges")
    return net


def random_address(rng: random.Random, net):
    """A host address of NET: not its first or last (a router drops a martian source such as a
    subnet's broadcast address, and the packet would not be counted)."""
    if net.num_addresses <= 2:
        return net.network_address
    return ipaddress.ip_address(int(net.network_address) + 1 + rng.randrange(net.num_addresses - 2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--to", type=lab_address, action="append", required=True,
                        help="outer destination (a DIP or a VIP); repeatable")
    parser.add_argument("--vip", type=lab_address, required=True, help="the quoted packet's source")
    parser.add_argument("--vip-port", type=int, default=7000, help="the quoted packet's source port")
    parser.add_argument("--clients", type=address_range, required=True,
                        help="the quoted packet's destinations: FIRST-LAST")
    parser.add_argument("--spoof", type=lab_network, action="append", required=True,
                        help="outer sources are drawn from this lab network; repeatable")
    parser.add_argument("--count", type=int, default=100, choices=range(1, 10001), metavar="1..10000")
    parser.add_argument("--ttl", type=int, default=255, choices=range(1, 256), metavar="1..255")
    parser.add_argument("--kinds", choices=("too_big", "unreachable", "all"), default="all",
                        help="too_big: fragmentation needed / packet too big only; unreachable: "
                             "the other destination unreachable codes only")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    family = args.vip.version
    if any(a.version != family for a in args.to + args.clients) or \
            any(n.version != family for n in args.spoof):
        parser.error("--to, --vip, --clients and --spoof must all be of one family")

    rng = random.Random(args.seed)
    kinds = ICMP4_KINDS if family == 4 else ICMP6_KINDS
    if args.kinds != "all":
        kinds = [k for k in kinds if (k[2] in ("frag_needed", "packet_too_big")) == (args.kinds == "too_big")]
    protos = (IPPROTO_TCP, IPPROTO_UDP)
    sent = {}
    if family == 4:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)  # IP_HDRINCL
    else:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)  # header included
    with sock:
        for i in range(args.count):
            target = args.to[i % len(args.to)]
            combo = i // len(args.to)
            kind = kinds[combo % len(kinds)]
            proto = protos[(combo // len(kinds)) % len(protos)]
            client = rng.choice(args.clients)
            source = random_address(rng, rng.choice(args.spoof))
            quote = quoted_packet(args.vip, client, proto, args.vip_port, rng.randrange(1024, 65536))
            message = icmp_error(source, target, kind, quote)
            packet = ip_header(source, target, IPPROTO_ICMP if family == 4 else IPPROTO_ICMPV6,
                               len(message), ttl=args.ttl, df=False) + message
            sock.sendto(packet, (str(target), 0))
            name = f"{kind[2]}/{'tcp' if proto == IPPROTO_TCP else 'udp'}"
            sent[name] = sent.get(name, 0) + 1
    print(json.dumps({"sent": args.count, "family": family, "ttl": args.ttl,
                      "targets": [str(t) for t in args.to], "kinds": sent}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
