/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * RFC 6040 (normal mode) at decapsulation (§2.6): congestion marked on the outer header
 * while the packet crossed the fabric must reach the inner packet's endpoints, or the
 * mark is lost. Outer CE over an ECN-capable inner packet sets inner CE; outer CE over a
 * Not-ECT inner packet cannot be signalled and is dropped (it cannot happen on our own
 * path: the encapsulator copies the inner ECN field to the outer); outer ECT(1) over inner
 * ECT(0) gives ECT(1). Every other combination leaves the inner packet as it is.
 */
#ifndef SHOAL_LIB_ECN_H
#define SHOAL_LIB_ECN_H

#include "parse.h"

#define SHOAL_ECN_NOT_ECT 0
#define SHOAL_ECN_ECT1 1
#define SHOAL_ECN_ECT0 2
#define SHOAL_ECN_CE 3

/* The inner ECN field RFC 6040 gives, or -1: drop. */
static __always_inline int rfc6040_ecn(__u8 outer, __u8 inner)
{
	if (outer == SHOAL_ECN_CE)
		return inner == SHOAL_ECN_NOT_ECT ? -1 : SHOAL_ECN_CE;
	if (outer == SHOAL_ECN_ECT1 && inner == SHOAL_ECN_ECT0)
		return SHOAL_ECN_ECT1;
	return inner;
}

/* Applies RFC 6040 to the (decapsulated, parsed) packet p. Returns 0, or -1: drop it. */
static __always_inline int decap_ecn(struct xdp_md *ctx, struct pkt *p, __u8 outer_tos)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *ip = data + L2_OFF(p);
	__u8 inner = p->tos & 3;
	int ecn = rfc6040_ecn(outer_tos & 3, inner);

	if (ecn < 0)
		return -1;
	if (ecn == inner)
		return 0;
	/* Bytes written: IPv4 TOS and checksum, IPv6 byte 1 (20 bytes: either header parsed). */
	if ((void *)(ip + sizeof(struct iphdr)) > data_end)
		return -1; /* cannot happen: the header was parsed */
	p->tos = (p->tos & ~3) | ecn;
	if (p->family == SHOAL_FAMILY_IPV4) {
		struct iphdr *iph = (void *)ip;
		/* RFC 1624: HC' = ~(~HC + ~m + m') over the 16-bit word {version/IHL, TOS}. */
		__u16 old = bpf_htons((__u16)ip[0] << 8 | iph->tos);
		__u16 new = bpf_htons((__u16)ip[0] << 8 | p->tos);
		__u32 sum = (__u16)~iph->check + (__u16)~old + new;

		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		iph->tos = p->tos;
		iph->check = ~sum;
	} else {
		/* The traffic class is the low nibble of byte 0 and the high nibble of byte 1;
		 * ECN, its two low bits, are bits 4-5 of byte 1. */
		ip[1] = (ip[1] & ~0x30) | (ecn << 4);
	}
	return 0;
}

#endif /* SHOAL_LIB_ECN_H */
