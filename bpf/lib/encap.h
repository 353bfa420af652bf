/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * GUE encapsulation to another server (§6, §7): pick the outer family, ask the
 * FIB for the Ethernet next hop (and the MTU), push outer IP + UDP + GUE with
 * the remaining hop list (and the tag of §8), and send the frame back out. A
 * packet too big for the egress MTU is answered with ICMP instead (§9).
 */
#ifndef SHOAL_LIB_ENCAP_H
#define SHOAL_LIB_ENCAP_H

#include "classify.h"
#include "csum.h"
#include "gue_auth.h"
#include "gue_hops.h"
#include "icmp_too_big.h"
#include "shoal_hash.h"
#include "fib.h"
#include "stats.h"

#define SHOAL_OUTER_TTL 64
#define SHOAL_GUE_LEN (sizeof(struct udphdr) + sizeof(struct shoal_gue_hdr))

/* Where and how to encapsulate; filled before the frame changes. */
struct encap_plan {
	struct shoal_server *target;
	__u8 outer_family;
	__u8 csum_ok;       /* the §7 local-checksum formula applies */
	__u8 tagged;        /* GUE hlen 3 with the §8 tag */
	__u16 outer_len;    /* outer IP + UDP + GUE (+ tag) */
	__u64 tag;
	__u64 inner_sum;    /* §7: inner header + inner L4 segment contribution */
	struct bpf_fib_lookup fib;
};

static __always_inline int choose_outer_family(const struct shoal_config *cfg,
					       const struct shoal_server *srv, __u8 inner)
{
	__u8 both = cfg->flags & srv->flags;
	__u8 same = inner == SHOAL_FAMILY_IPV4 ? SHOAL_SERVER_HAS_V4 : SHOAL_SERVER_HAS_V6;

	if (both & same)
		return inner;
	if (both & ~same & (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6))
		return inner == SHOAL_FAMILY_IPV4 ? SHOAL_FAMILY_IPV6 : SHOAL_FAMILY_IPV4;
	return 0;
}

/* §7: what the inner packet adds to the outer UDP checksum, read before encap. */
static __always_inline void plan_inner_csum(struct xdp_md *ctx, const struct pkt *p,
					    struct encap_plan *plan)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u32 l3_len = p->l4_off - p->l2_len;
	__u32 l4_len = p->ip_len - l3_len;
	__u64 pseudo = 0, sum = 0;

	plan->csum_ok = 0;
	if (p->is_fragment)
		return; /* a fragment's bytes are not a whole L4 segment */
	if (p->l4_proto == IPPROTO_UDP) {
		struct udphdr *uh = data + L4_OFF(p);

		if ((void *)(uh + 1) > data_end || uh->check == 0)
			return;
	}
	pseudo = csum_add_addr(pseudo, p->saddr, p->family);
	pseudo = csum_add_addr(pseudo, p->daddr, p->family);
	if (p->family == SHOAL_FAMILY_IPV6) {
		__u32 *w = data + L2_OFF(p);
		int i;

		if (l3_len != sizeof(struct ipv6hdr) || (void *)(w + 10) > data_end)
			return;
#pragma unroll
		for (i = 0; i < 10; i++)
			sum += w[i];
		pseudo += (__u64)bpf_htonl(l4_len) + bpf_htonl(p->l4_proto);
	} else {
		pseudo += (__u64)bpf_htons(l4_len) + bpf_htons(p->l4_proto);
	}
	if (p->l4_proto != IPPROTO_ICMP)
		sum += (__u16)~csum_fold64(pseudo);
	plan->inner_sum = sum;
	plan->csum_ok = 1;
}

/* Returns 0, or the SHOAL_STAT_DROP_* reason (DROP_TOO_BIG: fib.mtu_result is the MTU).
 * plan->tagged must be set. */
static __always_inline int plan_encap(struct xdp_md *ctx, const struct pkt *p,
				      const struct shoal_config *cfg, __u32 target,
				      __u64 hash, struct encap_plan *plan)
{
	struct bpf_fib_lookup *fib = &plan->fib;
	__be32 dst[4] = {};

	if (target >= SHOAL_MAX_SERVERS)
		return SHOAL_STAT_DROP_NO_SERVER;
	plan->target = bpf_map_lookup_elem(&shoal_servers, &target);
	if (!plan->target || !plan->target->flags)
		return SHOAL_STAT_DROP_NO_SERVER;
	plan->outer_family = choose_outer_family(cfg, plan->target, p->family);
	if (!plan->outer_family)
		return SHOAL_STAT_DROP_NO_SERVER;

	__builtin_memset(fib, 0, sizeof(*fib));
	fib->l4_protocol = IPPROTO_UDP;
	fib->sport = bpf_htons(shoal_encap_sport(hash));
	fib->dport = cfg->gue_port;
	fib->ifindex = ctx->ingress_ifindex;
	if (plan->outer_family == SHOAL_FAMILY_IPV4) {
		plan->outer_len = sizeof(struct iphdr) + SHOAL_GUE_LEN;
		if (plan->tagged)
			plan->outer_len += SHOAL_GUE_TAG_LEN;
		fib->family = SHOAL_AF_INET;
		fib->ipv4_src = cfg->self_dip4;
		fib->ipv4_dst = plan->target->dip4;
		dst[0] = plan->target->dip4;
	} else {
		plan->outer_len = sizeof(struct ipv6hdr) + SHOAL_GUE_LEN;
		if (plan->tagged)
			plan->outer_len += SHOAL_GUE_TAG_LEN;
		fib->family = SHOAL_AF_INET6;
		__builtin_memcpy(fib->ipv6_src, cfg->self_dip6, 16);
		__builtin_memcpy(fib->ipv6_dst, plan->target->dip6, 16);
		__builtin_memcpy(dst, plan->target->dip6, 16);
	}
	plan_inner_csum(ctx, p, plan);
	fib->tot_len = plan->outer_len + p->ip_len;

	return lookup_next_hop(ctx, fib, target, dst);
}

static __always_inline void write_eth(void *data, const struct pkt *p,
				      const struct encap_plan *plan)
{
	struct ethhdr *eth = data;
	__be16 outer_proto = bpf_htons(plan->outer_family == SHOAL_FAMILY_IPV4 ? ETH_P_IP
									      : ETH_P_IPV6);

	__builtin_memcpy(eth->h_dest, plan->fib.dmac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, plan->fib.smac, ETH_ALEN);
	if (p->l2_len == sizeof(*eth) + 4) {
		__be16 *tag = (void *)(eth + 1);

		eth->h_proto = bpf_htons(SHOAL_ETH_P_8021Q);
		tag[0] = p->vlan_tci;
		tag[1] = outer_proto;
	} else {
		eth->h_proto = outer_proto;
	}
}

/* Bytes from the outer UDP header to the inner packet. */
static __always_inline __u32 udp_gue_len(const struct encap_plan *plan)
{
	return SHOAL_GUE_LEN + (plan->tagged ? SHOAL_GUE_TAG_LEN : 0);
}

static __always_inline void write_udp_gue(struct udphdr *uh, const struct shoal_config *cfg,
					  const struct pkt *p, __u64 hash,
					  const struct gue_hops *hops,
					  const struct encap_plan *plan)
{
	struct shoal_gue_hdr *gue = (void *)(uh + 1);

	uh->source = bpf_htons(shoal_encap_sport(hash));
	uh->dest = cfg->gue_port;
	uh->len = bpf_htons(udp_gue_len(plan) + p->ip_len);
	uh->check = 0;
	gue->ver_c_hlen = plan->tagged ? SHOAL_GUE_HLEN_WORDS_TAGGED : SHOAL_GUE_HLEN_WORDS;
	gue->proto = p->family == SHOAL_FAMILY_IPV4 ? IPPROTO_IPIP : IPPROTO_IPV6;
	gue->flags = 0;
	gue->priv_type = hops->priv_type;
	gue->hop_count = hops->next_hop == SHOAL_NO_SERVER ? 0 : 1;
	gue->next_hop = bpf_htons(hops->next_hop);
	if (plan->tagged)
		__builtin_memcpy(gue + 1, &plan->tag, SHOAL_GUE_TAG_LEN);
}

static __always_inline void write_ipv4(struct iphdr *iph, const struct shoal_config *cfg,
				       const struct pkt *p, const struct encap_plan *plan)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = p->tos;
	iph->tot_len = bpf_htons(plan->outer_len + p->ip_len);
	iph->id = 0;
	iph->frag_off = bpf_htons(0x4000); /* DF: the MTU was checked, never fragment */
	iph->ttl = SHOAL_OUTER_TTL;
	iph->protocol = IPPROTO_UDP;
	iph->check = 0;
	iph->saddr = cfg->self_dip4;
	iph->daddr = plan->target->dip4;
	iph->check = ipv4_header_csum(iph);
}

static __always_inline void write_ipv6(struct ipv6hdr *ip6, const struct shoal_config *cfg,
				       const struct pkt *p, const struct encap_plan *plan,
				       __u64 hash)
{
	__u32 first = (6u << 28) | ((__u32)p->tos << 20) | shoal_encap_flowlabel(hash);

	*(__be32 *)ip6 = bpf_htonl(first);
	ip6->payload_len = bpf_htons(udp_gue_len(plan) + p->ip_len);
	ip6->nexthdr = IPPROTO_UDP;
	ip6->hop_limit = SHOAL_OUTER_TTL;
	__builtin_memcpy(&ip6->saddr, cfg->self_dip6, 16);
	__builtin_memcpy(&ip6->daddr, plan->target->dip6, 16);
}

/* §7 for either outer family: addrs are the outer source and destination, addr_words 2 or 8. */
static __always_inline __u16 outer_udp_csum(const __u32 *addrs, int addr_words,
					    const __u32 *udp_gue, const struct encap_plan *plan,
					    __u32 udp_len)
{
	__u64 sum = plan->inner_sum;
	__u16 csum;
	int i;

#pragma unroll
	for (i = 0; i < 8; i++)
		if (i < addr_words)
			sum += addrs[i];
	/* Pseudo-header length and protocol: 16 bits each in IPv4, 32 in IPv6; the same sum. */
	sum += (__u64)bpf_htons(udp_len) + bpf_htons(IPPROTO_UDP);
#pragma unroll
	for (i = 0; i < SHOAL_GUE_LEN / 4; i++)
		sum += udp_gue[i];
	if (plan->tagged)
		sum += gue_tag_csum(plan->tag);
	csum = ~csum_fold64(sum);
	return csum ? csum : 0xffff;
}

/* Rewrites the frame; returns XDP_TX/XDP_REDIRECT, or -reason on failure. */
static __always_inline int push_encap(struct xdp_md *ctx, const struct pkt *p,
				      const struct shoal_config *cfg, struct encap_plan *plan,
				      __u64 hash, const struct gue_hops *hops)
{
	void *data, *data_end;
	struct udphdr *uh;
	void *l3, *addrs;
	int addr_words;

	if (bpf_xdp_adjust_head(ctx, -(int)plan->outer_len))
		return -SHOAL_STAT_DROP_NO_HEADROOM;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	l3 = data + L2_OFF(p);
	/* Outer headers and the smallest inner packet (28 bytes) are there: never fails. */
	if (data + sizeof(struct ethhdr) + 4 > data_end ||
	    l3 + sizeof(struct iphdr) + SHOAL_GUE_LEN + SHOAL_GUE_TAG_LEN > data_end)
		return -SHOAL_STAT_DROP_NO_HEADROOM;

	write_eth(data, p, plan);
	if (plan->outer_family == SHOAL_FAMILY_IPV4) {
		uh = l3 + sizeof(struct iphdr);
		write_udp_gue(uh, cfg, p, hash, hops, plan);
		write_ipv4(l3, cfg, p, plan);
		addrs = l3 + __builtin_offsetof(struct iphdr, saddr);
		addr_words = 2;
	} else {
		if (l3 + sizeof(struct ipv6hdr) + SHOAL_GUE_LEN + SHOAL_GUE_TAG_LEN > data_end)
			return -SHOAL_STAT_DROP_NO_HEADROOM;
		uh = l3 + sizeof(struct ipv6hdr);
		write_udp_gue(uh, cfg, p, hash, hops, plan);
		write_ipv6(l3, cfg, p, plan, hash);
		addrs = l3 + __builtin_offsetof(struct ipv6hdr, saddr);
		addr_words = 8;
	}
	if (plan->csum_ok)
		uh->check = outer_udp_csum(addrs, addr_words, (const __u32 *)uh, plan,
					   udp_gue_len(plan) + p->ip_len);
	if (plan->fib.ifindex == ctx->ingress_ifindex)
		return XDP_TX;
	/* Only to an interface user space attached to; anything else is a counted drop. */
	if (bpf_redirect_map(&shoal_tx_ports, plan->fib.ifindex, XDP_DROP) == XDP_REDIRECT)
		return XDP_REDIRECT;
	return -SHOAL_STAT_DROP_NO_TX_PORT;
}

/* Trims Ethernet padding (§6.3) so the outer lengths cover exactly the inner packet. */
static __always_inline int trim_padding(struct xdp_md *ctx, const struct pkt *p)
{
	__u32 frame_len = ctx->data_end - ctx->data;
	__u32 want = p->l2_len + p->ip_len;

	if (frame_len <= want)
		return 0;
	return bpf_xdp_adjust_tail(ctx, -(int)(frame_len - want));
}

/* §8: the tag over the headers push_encap will write, read before the frame changes. */
static __always_inline void plan_tag(struct xdp_md *ctx, const struct pkt *p,
				     const struct shoal_config *cfg, const struct shoal_gue_auth *auth,
				     const struct gue_hops *hops, struct encap_plan *plan)
{
	struct tag_outer o = {
		.gue_raw = gue_header_raw(SHOAL_GUE_HLEN_WORDS_TAGGED, p->family, hops),
		.family = plan->outer_family,
	};

	if (plan->outer_family == SHOAL_FAMILY_IPV4) {
		o.src[0] = cfg->self_dip4;
		o.dst[0] = plan->target->dip4;
	} else {
		__builtin_memcpy(o.src, cfg->self_dip6, 16);
		__builtin_memcpy(o.dst, plan->target->dip6, 16);
	}
	plan->tag = gue_tag(ctx, p, gue_key(auth->key), &o);
}

/* §6 as a whole, carrying the hop list `hops`. Counts the verdict; returns the XDP action. */
static __always_inline int encapsulate(struct xdp_md *ctx, const struct pkt *p,
				       const struct shoal_config *cfg, __u32 row, __u32 verdict,
				       __u64 bytes, __u32 target, struct gue_hops hops, __u64 hash)
{
	const struct shoal_gue_auth *auth = gue_auth();
	struct encap_plan plan;
	int rc;

	plan.tagged = gue_signs(auth);
	rc = plan_encap(ctx, p, cfg, target, hash, &plan);
	if (rc == SHOAL_STAT_DROP_TOO_BIG) {
		rc = answer_too_big(ctx, p, cfg, next_hop_mtu(plan.fib.mtu_result, plan.outer_len));
		count_stat(row, rc, bytes);
		return rc == SHOAL_STAT_ICMP_TOO_BIG_SENT ? XDP_TX : XDP_DROP;
	}
	if (!rc && auth && plan.tagged)
		plan_tag(ctx, p, cfg, auth, &hops, &plan);
	if (!rc && trim_padding(ctx, p))
		rc = SHOAL_STAT_DROP_NO_HEADROOM;
	if (rc) {
		count_stat(row, rc, bytes);
		return XDP_DROP;
	}
	rc = push_encap(ctx, p, cfg, &plan, hash, &hops);
	if (rc < 0) {
		count_stat(row, -rc, bytes);
		return XDP_DROP;
	}
	count_stat(row, verdict, bytes);
	count_server(target, ctx->data_end - ctx->data);
	return rc;
}

#endif /* SHOAL_LIB_ENCAP_H */
