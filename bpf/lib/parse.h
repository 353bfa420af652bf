/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Cursor-based, bounds-checked parsing of Ethernet (+ one 802.1Q tag), IPv4 (with
 * options), IPv6 (skipping the common extension headers) and the L4 header start.
 * Offsets are kept relative to ctx->data so they survive bpf_xdp_adjust_head().
 */
#ifndef SHOAL_LIB_PARSE_H
#define SHOAL_LIB_PARSE_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "shoal_abi.h"

#define SHOAL_ETH_P_8021Q 0x8100
#define SHOAL_MAX_L4_OFFSET 512 /* docs/dataplane.md §1.5 */
/* <linux/icmp.h> drags in libc socket headers, so the types we need: */
#define SHOAL_ICMP_DEST_UNREACH 3
#define SHOAL_ICMP_FRAG_NEEDED 4
#define SHOAL_ICMPV6_DEST_UNREACH 1
#define SHOAL_ICMPV6_PKT_TOOBIG 2

/*
 * Offsets are masked where they are used, so the verifier knows their bound even
 * after the compiler reloads them from the stack; barrier_var() stops the compiler
 * from dropping a mask it thinks redundant. Valid offsets are below the masks.
 */
#define L2_OFF(p) ({ __u32 __o = (p)->l2_len; barrier_var(__o); __o & 0x1f; })
#define L4_OFF(p) ({ __u32 __o = (p)->l4_off; barrier_var(__o); __o & 0x3ff; })

enum parse_result {
	PARSE_OK = 0,
	PARSE_NOT_IP,    /* not IPv4/IPv6 */
	PARSE_BAD_L3,    /* IP header malformed or truncated */
	PARSE_FRAGMENT,  /* an IP fragment */
	PARSE_BAD_L4,    /* TCP/UDP header truncated or its length past the IP packet */
};

/* What the parser learned about one IP packet (outer, or inner after decap). */
struct pkt {
	__u32 l2_len;     /* 14, or 18 with a VLAN tag */
	__u16 vlan_tci;   /* network order, valid if l2_len == 18 */
	__u8 family;      /* SHOAL_FAMILY_IPV4 / IPV6 */
	__u8 l4_proto;    /* protocol of the L4 header at l4_off */
	__u32 l4_off;     /* offset of the L4 header from ctx->data */
	__u32 ip_len;     /* IPv4 tot_len, or 40 + payload_len */
	__u32 ip_end;     /* l2_len + ip_len: bytes past it are padding, never headers */
	__u8 tos;         /* IPv4 TOS or IPv6 traffic class */
	__u8 ttl;         /* IPv4 TTL or IPv6 hop limit */
	__u8 is_fragment; /* an IP fragment: l4_proto is its protocol, no L4 header is read */
	__u8 tcp_flags;   /* byte 13 of the TCP header */
	__u16 udp_len;    /* the UDP length field (UDP only), checked against the IP packet */
	__be16 sport;     /* L4 ports (TCP/UDP) */
	__be16 dport;
	__be32 saddr[4];  /* IPv4 in saddr[0] */
	__be32 daddr[4];
};

static __always_inline int parse_eth(struct xdp_md *ctx, struct pkt *p, __u16 *eth_proto)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u16 proto;

	if ((void *)(eth + 1) > data_end)
		return PARSE_NOT_IP;
	proto = bpf_ntohs(eth->h_proto);
	p->l2_len = sizeof(*eth);
	if (proto == SHOAL_ETH_P_8021Q) {
		__be16 *tag = (void *)(eth + 1);

		if ((void *)(tag + 2) > data_end)
			return PARSE_NOT_IP;
		p->vlan_tci = tag[0];
		proto = bpf_ntohs(tag[1]);
		p->l2_len += 4;
	}
	*eth_proto = proto;
	if (proto == ETH_P_IP || proto == ETH_P_IPV6)
		return PARSE_OK;
	return PARSE_NOT_IP;
}

static __always_inline int parse_ipv4(struct xdp_md *ctx, struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + L2_OFF(p);
	__u32 hdr_len, avail;

	if ((void *)(iph + 1) > data_end)
		return PARSE_BAD_L3;
	hdr_len = iph->ihl * 4;
	if (iph->version != 4 || hdr_len < sizeof(*iph))
		return PARSE_BAD_L3;
	if ((void *)iph + hdr_len > data_end)
		return PARSE_BAD_L3;
	avail = data_end - (void *)iph;
	p->ip_len = bpf_ntohs(iph->tot_len);
	if (p->ip_len < hdr_len || p->ip_len > avail)
		return PARSE_BAD_L3;
	p->ip_end = p->l2_len + p->ip_len;
	p->family = SHOAL_FAMILY_IPV4;
	p->tos = iph->tos;
	p->ttl = iph->ttl;
	p->l4_proto = iph->protocol;
	p->saddr[0] = iph->saddr;
	p->daddr[0] = iph->daddr;
	p->saddr[1] = p->saddr[2] = p->saddr[3] = 0;
	p->daddr[1] = p->daddr[2] = p->daddr[3] = 0;
	p->l4_off = p->l2_len + hdr_len;
	if (iph->frag_off & bpf_htons(0x3FFF))
		return PARSE_FRAGMENT;
	return PARSE_OK;
}

static __always_inline int is_ipv6_ext_header(__u8 nexthdr)
{
	return nexthdr == IPPROTO_HOPOPTS || nexthdr == IPPROTO_ROUTING ||
	       nexthdr == IPPROTO_DSTOPTS;
}

static __always_inline int parse_ipv6(struct xdp_md *ctx, struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ipv6hdr *ip6 = data + L2_OFF(p);
	struct ipv6_opt_hdr *opt;
	void *cursor;
	__u8 nexthdr;
	int i;

	if ((void *)(ip6 + 1) > data_end || ip6->version != 6)
		return PARSE_BAD_L3;
	p->ip_len = sizeof(*ip6) + bpf_ntohs(ip6->payload_len);
	if ((void *)ip6 + p->ip_len > data_end)
		return PARSE_BAD_L3;
	p->ip_end = p->l2_len + p->ip_len;
	p->family = SHOAL_FAMILY_IPV6;
	p->tos = (ip6->priority << 4) | (ip6->flow_lbl[0] >> 4);
	p->ttl = ip6->hop_limit;
	__builtin_memcpy(p->saddr, &ip6->saddr, 16);
	__builtin_memcpy(p->daddr, &ip6->daddr, 16);
	nexthdr = ip6->nexthdr;
	cursor = ip6 + 1;
	for (i = 0; i < SHOAL_MAX_IPV6_EXT_HEADERS; i++) {
		if (nexthdr == IPPROTO_FRAGMENT)
			break;
		if (!is_ipv6_ext_header(nexthdr))
			break;
		opt = cursor;
		if ((void *)(opt + 1) > data_end)
			return PARSE_BAD_L3;
		nexthdr = opt->nexthdr;
		cursor += (opt->hdrlen + 1) * 8;
		if (cursor > data_end || cursor - data > p->ip_end)
			return PARSE_BAD_L3;
	}
	p->l4_proto = nexthdr;
	p->l4_off = cursor - data;
	if (nexthdr == IPPROTO_FRAGMENT) {
		/* The protocol of a fragment is in its Fragment header (8 bytes, in the packet). */
		opt = cursor;
		if (cursor + 8 > data_end || cursor + 8 - data > p->ip_end)
			return PARSE_BAD_L3;
		p->l4_proto = opt->nexthdr;
		return PARSE_FRAGMENT;
	}
	return PARSE_OK;
}

/* Reads ports and TCP flags; ICMP is left to classify (it needs the embedded packet). */
static __always_inline int parse_l4(struct xdp_md *ctx, struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 off;

	if (p->l4_off > SHOAL_MAX_L4_OFFSET)
		return PARSE_BAD_L4;
	off = L4_OFF(p);
	if (p->l4_proto == IPPROTO_TCP) {
		struct tcphdr *th = data + off;

		/* Invariant 4: the whole header, options included, lies within the IP packet. */
		if ((void *)(th + 1) > data_end || off + sizeof(*th) > p->ip_end || th->doff < 5 ||
		    off + th->doff * 4 > p->ip_end)
			return PARSE_BAD_L4;
		p->sport = th->source;
		p->dport = th->dest;
		p->tcp_flags = ((__u8 *)th)[13];
	} else if (p->l4_proto == IPPROTO_UDP) {
		struct udphdr *uh = data + off;

		if ((void *)(uh + 1) > data_end || off + sizeof(*uh) > p->ip_end)
			return PARSE_BAD_L4;
		/* Invariant 4: the datagram lies within the IP packet. */
		p->udp_len = bpf_ntohs(uh->len);
		if (p->udp_len < sizeof(*uh) || off + p->udp_len > p->ip_end)
			return PARSE_BAD_L4;
		p->sport = uh->source;
		p->dport = uh->dest;
	}
	return PARSE_OK;
}

/* IP header at l2_len, of the family the EtherType (or GUE proto) announced. */
static __always_inline int parse_ip(struct xdp_md *ctx, struct pkt *p, __u16 eth_proto)
{
	int rc;

	p->tcp_flags = 0;
	p->udp_len = 0;
	p->sport = p->dport = 0;
	if (eth_proto == ETH_P_IP)
		rc = parse_ipv4(ctx, p);
	else
		rc = parse_ipv6(ctx, p);
	p->is_fragment = rc == PARSE_FRAGMENT;
	if (rc != PARSE_OK)
		return rc;
	return parse_l4(ctx, p);
}

#endif /* SHOAL_LIB_PARSE_H */
