# SPDX-License-Identifier: MIT
"""Packet building blocks for the lab's hand-made packets (send_gue.py, send_icmp_errors.py):
Internet checksums, IPv4/IPv6 headers, TCP/UDP segments with correct checksums, and the check
that an address is one the lab may use (198.18.0.0/15, 2001:db8::/32, nothing else).
"""
import argparse
import ipaddress
import struct

LAB_NETS = (ipaddress.ip_network("198.18.0.0/15"), ipaddress.ip_network("2001:db8::/32"))
IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMPV6 = 1, 6, 17, 58


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def pseudo_header(src, dst, proto: int, length: int) -> bytes:
    if src.version == 4:
        return src.packed + dst.packed + struct.pack("!BBH", 0, proto, length)
    return src.packed + dst.packed + struct.pack("!IxxxB", length, proto)


def with_checksum(src, dst, proto: int, segment: bytes, offset: int) -> bytes:
    """SEGMENT with its checksum (at OFFSET) computed over the pseudo-header and itself."""
    csum = checksum(pseudo_header(src, dst, proto, len(segment)) + segment)
    return segment[:offset] + struct.pack("!H", csum) + segment[offset + 2:]


def tcp_segment(src, dst, sport: int, dport: int, flags: int = 0x02, seq: int = 1,
                payload: bytes = b"") -> bytes:
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 65535, 0, 0)
    return with_checksum(src, dst, IPPROTO_TCP, header + payload, 16)


def udp_datagram(src, dst, sport: int, dport: int, payload: bytes = b"") -> bytes:
    header = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    return with_checksum(src, dst, IPPROTO_UDP, header + payload, 6)


def ip_header(src, dst, proto: int, payload_len: int, ttl: int = 64, df: bool = True) -> bytes:
    """An IPv4 header (with its checksum) or a fixed IPv6 header, for PAYLOAD_LEN bytes after it."""
    if src.version == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, 1, 0x4000 if df else 0,
                         ttl, proto, 0, src.packed, dst.packed)
        return ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return struct.pack("!IHBB16s16s", 6 << 28, payload_len, proto, ttl, src.packed, dst.packed)


def ip_packet(src, dst, proto: int, payload: bytes, ttl: int = 64) -> bytes:
    return ip_header(src, dst, proto, len(payload), ttl) + payload


def lab_address(text: str):
    """argparse type: an address inside the lab's ranges, refused otherwise."""
    address = ipaddress.ip_address(text)
    if not any(address in net for net in LAB_NETS):
        raise argparse.ArgumentTypeError(f"{text} is not a lab address (198.18.0.0/15, 2001:db8::/32)")
    return address
