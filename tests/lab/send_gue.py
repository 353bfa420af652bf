#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sends GUE packets the way a fleet member would (docs/dataplane.md: GUE header with a Shoal
hop list, an inner TCP SYN to a VIP), from wherever it runs. The lab runs it in a client
namespace, which is not a fleet member, so every packet must be dropped and counted.

Bounded: --count packets (at most 10000) to one lab address, then it exits.
"""
import argparse
import socket
import struct
import sys

from lab_packets import IPPROTO_TCP, ip_packet, lab_address, tcp_segment

GUE_PRIV_HOPS = 0x53
NO_SERVER = 0xFFFF


def inner_packet(src, dst, sport: int, dport: int) -> bytes:
    return ip_packet(src, dst, IPPROTO_TCP, tcp_segment(src, dst, sport, dport))


def gue_header(inner_version: int) -> bytes:
    proto = 4 if inner_version == 4 else 41
    # ver 0, C 0, hlen 1 word of private data: the hop list (one hop left: none).
    return struct.pack("!BBHBBH", 1, proto, 0, GUE_PRIV_HOPS, 0, NO_SERVER)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--to", type=lab_address, required=True, help="outer destination (a DIP)")
    parser.add_argument("--port", type=int, default=6080, help="GUE UDP port")
    parser.add_argument("--inner-src", type=lab_address, required=True)
    parser.add_argument("--inner-dst", type=lab_address, required=True, help="a VIP")
    parser.add_argument("--inner-port", type=int, default=7000)
    parser.add_argument("--count", type=int, default=100, choices=range(1, 10001), metavar="1..10000")
    args = parser.parse_args()
    if args.inner_src.version != args.inner_dst.version:
        parser.error("--inner-src and --inner-dst must be the same family")

    family = socket.AF_INET if args.to.version == 4 else socket.AF_INET6
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        for i in range(args.count):
            payload = gue_header(args.inner_dst.version) + inner_packet(
                args.inner_src, args.inner_dst, 20000 + i % 40000, args.inner_port)
            sock.sendto(payload, (str(args.to), args.port))
    print(f"sent {args.count} GUE packets to {args.to}:{args.port} "
          f"(inner {args.inner_src} -> {args.inner_dst}:{args.inner_port})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
