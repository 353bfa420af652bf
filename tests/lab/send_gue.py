#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sends GUE packets the way a fleet member would (docs/dataplane.md: GUE header with a Shoal
hop list, an inner TCP SYN to a VIP), from wherever it runs. The lab runs it in a client
namespace, which is not a fleet member, so every packet must be dropped and counted.

Bounded: --count packets (at most 10000) to one lab address, then it exits.
"""
import argparse
import ipaddress
import socket
import struct
import sys

GUE_PRIV_HOPS = 0x53
NO_SERVER = 0xFFFF


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_syn(src, dst, sport: int, dport: int) -> bytes:
    header = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, 0x02, 65535, 0, 0)
    if src.version == 4:
        pseudo = src.packed + dst.packed + struct.pack("!BBH", 0, 6, len(header))
    else:
        pseudo = src.packed + dst.packed + struct.pack("!IxxxB", len(header), 6)
    csum = checksum(pseudo + header)
    return header[:16] + struct.pack("!H", csum) + header[18:]


def inner_packet(src, dst, sport: int, dport: int) -> bytes:
    tcp = tcp_syn(src, dst, sport, dport)
    if src.version == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0,
                         src.packed, dst.packed)
        ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
        return ip + tcp
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(tcp), 6, 64, src.packed, dst.packed)
    return ip + tcp


def gue_header(inner_version: int) -> bytes:
    proto = 4 if inner_version == 4 else 41
    # ver 0, C 0, hlen 1 word of private data: the hop list (one hop left: none).
    return struct.pack("!BBHBBH", 1, proto, 0, GUE_PRIV_HOPS, 0, NO_SERVER)


def lab_address(text: str):
    address = ipaddress.ip_address(text)
    lab_nets = [ipaddress.ip_network("198.18.0.0/15"), ipaddress.ip_network("2001:db8::/32")]
    if not any(address in net for net in lab_nets):
        raise argparse.ArgumentTypeError(f"{text} is not a lab address (198.18.0.0/15, 2001:db8::/32)")
    return address


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
