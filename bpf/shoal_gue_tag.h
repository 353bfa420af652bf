/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The GUE authentication tag (docs/dataplane.md §8), shared verbatim by the XDP program and
 * the C++ reference model: which words the MAC covers, and the MAC (SipHash-2-4 keyed with
 * the fleet's GUE secret, never the flow-hash key).
 *
 * The message is 4 to 10 64-bit words, each the little-endian load of bytes as they are on
 * the wire (addresses and ports in network order, as in shoal_hash.h):
 *   w0       the 8 GUE header bytes as sent (byte 0 is 0x03: hlen 3), without the tag
 *   outer    IPv4: src | dst << 32                   IPv6: src (2 words), dst (2 words)
 *   inner    the same for the inner packet's addresses, by its family
 *   tail     l4 | inner L4 protocol << 32 | outer family << 40 | inner family << 48
 *            l4: the first 4 bytes of the inner L4 header (TCP/UDP: source and destination
 *            port; ICMP: type, code, checksum; any protocol: its first 4 bytes), read as a
 *            little-endian 32-bit load; 0 when fewer than 4 bytes of it are inside the packet
 * The 64-bit tag goes on the wire in little-endian byte order.
 */
#ifndef SHOAL_GUE_TAG_H
#define SHOAL_GUE_TAG_H

#include "shoal_abi.h"
#include "shoal_hash.h"

/* An address pair (raw network-order 32-bit words; IPv4 in [0]), in the words of its family. */
SHOAL_INLINE void shoal_tag_absorb_addrs(struct shoal_sip24 *s, const __u32 *src, const __u32 *dst,
					 __u8 family)
{
	if (family == SHOAL_FAMILY_IPV4) {
		shoal_sip24_absorb(s, shoal_addr_pair(src[0], dst[0]));
		return;
	}
	shoal_sip24_absorb(s, shoal_addr_pair(src[0], src[1]));
	shoal_sip24_absorb(s, shoal_addr_pair(src[2], src[3]));
	shoal_sip24_absorb(s, shoal_addr_pair(dst[0], dst[1]));
	shoal_sip24_absorb(s, shoal_addr_pair(dst[2], dst[3]));
}

/* The tag; gue_raw: the GUE header's 8 bytes as a little-endian load. */
SHOAL_INLINE __u64 shoal_gue_tag(const __u64 key[2], __u64 gue_raw, const __u32 *outer_src,
				 const __u32 *outer_dst, __u8 outer_family, const __u32 *inner_src,
				 const __u32 *inner_dst, __u8 inner_family, __u32 l4_raw,
				 __u8 l4_proto)
{
	struct shoal_sip24 s;

	shoal_sip24_init(&s, key);
	shoal_sip24_absorb(&s, gue_raw);
	shoal_tag_absorb_addrs(&s, outer_src, outer_dst, outer_family);
	shoal_tag_absorb_addrs(&s, inner_src, inner_dst, inner_family);
	shoal_sip24_absorb(&s, (__u64)l4_raw | ((__u64)l4_proto << 32) |
				   ((__u64)outer_family << 40) | ((__u64)inner_family << 48));
	return shoal_sip24_final(&s);
}

#endif /* SHOAL_GUE_TAG_H */
