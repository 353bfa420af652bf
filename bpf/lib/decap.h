/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * GUE from a fleet member (§2): check who sent it and that the header and the
 * lengths are what Shoal sends, then strip outer IP + UDP + GUE, keeping the L2 header.
 */
#ifndef SHOAL_LIB_DECAP_H
#define SHOAL_LIB_DECAP_H

#include "gue_hops.h"
#include "parse.h"
#include "maps.h"

static __always_inline int is_gue_for_us(const struct pkt *p, const struct shoal_config *cfg)
{
	if (p->l4_proto != IPPROTO_UDP || p->dport != cfg->gue_port)
		return 0;
	if (p->family == SHOAL_FAMILY_IPV4)
		return (cfg->flags & SHOAL_SERVER_HAS_V4) && p->daddr[0] == cfg->self_dip4;
	const __u32 *self6 = (const __u32 *)cfg->self_dip6;

	return (cfg->flags & SHOAL_SERVER_HAS_V6) && p->daddr[0] == self6[0] &&
	       p->daddr[1] == self6[1] && p->daddr[2] == self6[2] && p->daddr[3] == self6[3];
}

/* The fleet member that sent the packet (its outer source), or NULL. */
static __always_inline struct shoal_member *member_of(const struct pkt *p)
{
	struct shoal_member_key key = {};

	__builtin_memcpy(key.addr, p->saddr, 16); /* IPv4: words 1-3 are zero */
	key.family = p->family;
	return bpf_map_lookup_elem(&shoal_members, &key);
}

/* Bytes from the outer IP header to the end of the GUE header (gue_len bytes after UDP: 8,
 * or 16 with the §8 tag): what strip_outer removes. */
static __always_inline __u32 gue_outer_len(const struct pkt *p, __u32 gue_len)
{
	return p->l4_off - p->l2_len + sizeof(struct udphdr) + gue_len;
}

/*
 * Invariant 4: the inner packet is bounded by the outer IP and UDP lengths, exactly as Shoal
 * sends it: the UDP datagram fills the outer IP packet, and the inner IP packet fills the
 * rest after the GUE header. Returns the inner IP length it must have, or 0.
 */
static __always_inline __u32 gue_inner_len(const struct pkt *p, __u32 gue_len)
{
	__u32 outer = gue_outer_len(p, gue_len);

	if (p->udp_len != p->ip_end - p->l4_off || p->ip_len <= outer)
		return 0;
	return p->ip_len - outer;
}

/* Validates the GUE header; returns the inner EtherType (0 if bad) and the hop list. */
static __always_inline __u16 read_gue(struct xdp_md *ctx, const struct pkt *p,
				      struct gue_hops *hops)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct shoal_gue_hdr *gue = data + L4_OFF(p) + sizeof(struct udphdr);
	__u16 hop;

	if ((void *)(gue + 1) > data_end || (void *)(gue + 1) - data > p->ip_end)
		return 0;
	if ((gue->ver_c_hlen != SHOAL_GUE_HLEN_WORDS &&
	     gue->ver_c_hlen != SHOAL_GUE_HLEN_WORDS_TAGGED) || gue->flags)
		return 0; /* hlen 3 carries the §8 tag: accepted in every mode */
	if (gue->priv_type != SHOAL_GUE_PRIV_HOPS && gue->priv_type != SHOAL_GUE_PRIV_RETURN)
		return 0;
	hop = bpf_ntohs(gue->next_hop);
	if (gue->hop_count == 0 && gue->priv_type == SHOAL_GUE_PRIV_HOPS) {
		if (hop != SHOAL_NO_SERVER)
			return 0;
	} else if (gue->hop_count != 1 || hop >= SHOAL_MAX_SERVERS) {
		return 0; /* a return ticket always names its server */
	}
	hops->next_hop = hop;
	hops->priv_type = gue->priv_type;
	if (gue->proto == IPPROTO_IPIP)
		return ETH_P_IP;
	if (gue->proto == IPPROTO_IPV6)
		return ETH_P_IPV6;
	return 0;
}

/* Removes everything from the outer IP header to the end of GUE (gue_len bytes after UDP). */
static __always_inline int strip_outer(struct xdp_md *ctx, struct pkt *p, __u16 inner_proto,
				       __u32 gue_len)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 strip = gue_outer_len(p, gue_len);
	struct ethhdr eth;
	struct ethhdr *new_eth;

	if (data + sizeof(eth) > data_end)
		return -1;
	__builtin_memcpy(&eth, data, sizeof(eth));
	if (bpf_xdp_adjust_head(ctx, (int)(strip & 0x7ff)))
		return -1;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	new_eth = data;
	if ((void *)(new_eth + 1) + 4 > data_end)
		return -1;
	__builtin_memcpy(new_eth, &eth, sizeof(eth));
	if (p->l2_len == sizeof(eth) + 4) {
		__be16 *tag = (void *)(new_eth + 1);

		tag[0] = p->vlan_tci;
		tag[1] = bpf_htons(inner_proto);
	} else {
		new_eth->h_proto = bpf_htons(inner_proto);
	}
	return 0;
}

#endif /* SHOAL_LIB_DECAP_H */
