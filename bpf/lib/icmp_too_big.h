/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Path MTU, never a silent black hole (§9): a packet that must be forwarded but does not fit
 * the egress MTU once encapsulated is answered, from XDP, with ICMP "fragmentation needed" /
 * ICMPv6 "packet too big" from the VIP, so the client's stack learns the MTU and resends
 * smaller. Rate-limited per CPU; never an answer to an ICMP error, a packet that may be
 * fragmented (IPv4 without DF) or a source that is not one host.
 */
#ifndef SHOAL_LIB_ICMP_TOO_BIG_H
#define SHOAL_LIB_ICMP_TOO_BIG_H

#include "csum.h"
#include "maps.h"
#include "parse.h"
#include "stats.h"

#define SHOAL_ICMP_TTL 64
#define SHOAL_ICMP4_MAX_LEN 576	 /* RFC 792/1812: the whole answer at most 576 bytes */
#define SHOAL_ICMP6_MAX_LEN 1280 /* RFC 4443: at most the minimum IPv6 MTU */
#define SHOAL_ICMP4_HDRS 28	 /* IPv4 20 + ICMP 8 */
#define SHOAL_ICMP6_HDRS 48	 /* IPv6 40 + ICMPv6 8 */
#define SHOAL_ICMPV6_PROTO 58
#define SHOAL_NSEC_PER_SEC 1000000000ULL

/* GCRA (a token bucket kept as one time): may this CPU send an answer now? */
static __always_inline int icmp_rate_allows(const struct shoal_config *cfg)
{
	__u32 rate = cfg->icmp_too_big_rate;
	__u32 burst = cfg->icmp_too_big_burst;
	struct shoal_icmp_rate *st;
	__u64 now, tat, interval;
	__u32 zero = 0;

	st = bpf_map_lookup_elem(&shoal_icmp_rate, &zero);
	if (!st || !rate || !burst)
		return 0;
	interval = SHOAL_NSEC_PER_SEC / rate;
	now = bpf_ktime_get_ns();
	tat = st->tat_ns > now ? st->tat_ns : now;
	if (tat - now > (__u64)(burst - 1) * interval)
		return 0;
	st->tat_ns = tat + interval;
	return 1;
}

/* RFC 1812 4.3.2.7: no answer to a source that does not name one host. */
static __always_inline int is_host_source(const struct pkt *p)
{
	const __u8 *a = (const __u8 *)p->saddr;

	if (p->family == SHOAL_FAMILY_IPV4)
		return a[0] != 0 && a[0] != 127 && a[0] < 224;
	if (a[0] == 0xff)
		return 0; /* multicast */
	if (p->saddr[0] || p->saddr[1] || p->saddr[2])
		return 1;
	return p->saddr[3] != 0 && p->saddr[3] != bpf_htonl(1); /* not :: or ::1 */
}

/* Whether §9 answers this packet at all (before the rate limit). */
static __always_inline int may_answer(struct xdp_md *ctx, const struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;

	if (p->l4_proto == (p->family == SHOAL_FAMILY_IPV4 ? IPPROTO_ICMP : SHOAL_ICMPV6_PROTO))
		return 0; /* never an ICMP error about an ICMP error */
	if (!is_host_source(p))
		return 0;
	if (p->family == SHOAL_FAMILY_IPV4) {
		struct iphdr *iph = data + L2_OFF(p);

		if ((void *)(iph + 1) > data_end || !(iph->frag_off & bpf_htons(0x4000)))
			return 0; /* no DF: the sender allows fragments, the fabric does not */
	}
	return 1;
}

/* The ones'-complement sum (raw words, unfolded) of `n` blocks of `size` bytes from off, or
 * -1 when they are not all in the frame. Each loop exits with nothing but the sum changed,
 * so the verifier walks the rest of the program once, not once per exit. */
#define CSUM_BLOCKS(ctx, off, n, size, max_blocks, sum)                                            \
	({                                                                                         \
		void *__data = (void *)(long)(ctx)->data;                                          \
		void *__end = (void *)(long)(ctx)->data_end;                                       \
		int __ok = 1;                                                                      \
		__u32 __i;                                                                         \
		for (__i = 0; __i < (max_blocks); __i++) {                                         \
			void *__at;                                                                \
			__s64 __part;                                                              \
			if (__i >= (n))                                                            \
				break;                                                             \
			__at = __data + (((off) + __i * (size)) & 0xfff);                          \
			if (__at + (size) > __end) {                                               \
				__ok = 0;                                                          \
				break;                                                             \
			}                                                                          \
			__part = bpf_csum_diff(NULL, 0, __at, (size), 0);                          \
			if (__part < 0) {                                                          \
				__ok = 0;                                                          \
				break;                                                             \
			}                                                                          \
			(sum) += __part;                                                           \
		}                                                                                  \
		__ok;                                                                              \
	})

/* Ones'-complement sum (raw words, unfolded) of len (< 2048) bytes at off, which must start at
 * an even offset of the checksummed message; -1 when they are not all in the frame. In blocks
 * of 256, 32 and 4 bytes, then the last 2 and 1. A global function: the verifier walks its
 * loops once, not for every path that reaches a call. */
__noinline __s64 csum_frame_bytes(struct xdp_md *ctx, __u32 off, __u32 len)
{
	__u32 big = len / 256, mid = (len % 256) / 32, words = (len % 32) / 4;
	__u32 tail = off + len - len % 4;
	void *data, *data_end, *at;
	__u64 sum = 0;

	if (len > 2047)
		return -1;
	if (!CSUM_BLOCKS(ctx, off, big, 256, 8, sum))
		return -1;
	if (!CSUM_BLOCKS(ctx, off + big * 256, mid, 32, 8, sum))
		return -1;
	if (!CSUM_BLOCKS(ctx, off + big * 256 + mid * 32, words, 4, 8, sum))
		return -1;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	at = data + (tail & 0xfff);
	if (len & 2) {
		if (at + 2 > data_end)
			return -1;
		sum += *(__u16 *)at;
		at += 2;
	}
	if (len & 1) {
		if (at + 1 > data_end)
			return -1;
		sum += *(__u8 *)at; /* padded with a zero byte, as the RFC 1071 sum wants */
	}
	return sum;
}

/* The answer's L2, IP and ICMP headers, written in front of the quote, after the frame grew
 * by hdrs bytes at its head (the old Ethernet header is hdrs bytes in); returns -1 when the
 * frame is not where it must be. */
static __always_inline int write_answer(struct xdp_md *ctx, const struct pkt *p, __u32 hdrs,
					__u32 quote, __u32 mtu, __u64 quote_sum)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ethhdr *old = data + (hdrs & 0x3f); /* 28 or 48: never overlaps eth */
	void *l3 = data + L2_OFF(p);
	__u8 *icmp;
	__u64 sum;
	int i;

	if ((void *)(eth + 1) + 4 > data_end || (void *)(old + 1) > data_end ||
	    l3 + SHOAL_ICMP6_HDRS > data_end)
		return -1;
	/* Back to where the frame came from: the router, or the server that tunnelled it. */
	__builtin_memcpy(eth->h_dest, old->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, old->h_dest, ETH_ALEN);
	if (p->l2_len == sizeof(*eth) + 4) {
		__be16 *tag = (void *)(eth + 1);

		eth->h_proto = bpf_htons(SHOAL_ETH_P_8021Q); /* the tag goes back unchanged */
		tag[0] = p->vlan_tci;
		tag[1] = bpf_htons(p->family == SHOAL_FAMILY_IPV4 ? ETH_P_IP : ETH_P_IPV6);
	} else {
		eth->h_proto = bpf_htons(p->family == SHOAL_FAMILY_IPV4 ? ETH_P_IP : ETH_P_IPV6);
	}

	if (p->family == SHOAL_FAMILY_IPV4) {
		struct iphdr *iph = l3;

		icmp = l3 + sizeof(*iph);
		iph->version = 4;
		iph->ihl = 5;
		iph->tos = 0;
		iph->tot_len = bpf_htons(hdrs + quote);
		iph->id = 0;
		iph->frag_off = bpf_htons(0x4000);
		iph->ttl = SHOAL_ICMP_TTL;
		iph->protocol = IPPROTO_ICMP;
		iph->check = 0;
		iph->saddr = p->daddr[0]; /* from the VIP the client sent to */
		iph->daddr = p->saddr[0];
		iph->check = ipv4_header_csum(iph);
		icmp[0] = SHOAL_ICMP_DEST_UNREACH;
		icmp[1] = SHOAL_ICMP_FRAG_NEEDED;
		*(__u16 *)(icmp + 2) = 0;
		*(__u16 *)(icmp + 4) = 0;
		*(__be16 *)(icmp + 6) = bpf_htons(mtu > 0xffff ? 0xffff : mtu);
		sum = quote_sum;
	} else {
		struct ipv6hdr *ip6 = l3;

		icmp = l3 + sizeof(*ip6);
		*(__be32 *)ip6 = bpf_htonl(6u << 28);
		ip6->payload_len = bpf_htons(8 + quote);
		ip6->nexthdr = SHOAL_ICMPV6_PROTO;
		ip6->hop_limit = SHOAL_ICMP_TTL;
		__builtin_memcpy(&ip6->saddr, p->daddr, 16);
		__builtin_memcpy(&ip6->daddr, p->saddr, 16);
		icmp[0] = SHOAL_ICMPV6_PKT_TOOBIG;
		icmp[1] = 0;
		*(__u16 *)(icmp + 2) = 0;
		*(__be32 *)(icmp + 4) = bpf_htonl(mtu);
		/* The pseudo-header: source, destination, upper-layer length, next header. */
		sum = quote_sum + (__u64)bpf_htonl(8 + quote) + bpf_htonl(SHOAL_ICMPV6_PROTO);
#pragma unroll
		for (i = 0; i < 4; i++)
			sum += (__u64)p->saddr[i] + p->daddr[i];
	}
	sum += *(__u32 *)icmp + *(__u32 *)(icmp + 4);
	*(__u16 *)(icmp + 2) = ~csum_fold64(sum);
	return 0;
}

/* The MTU an answer reports: the egress MTU less the encapsulation the packet did not fit in. */
static __always_inline __u32 next_hop_mtu(__u32 egress_mtu, __u32 overhead)
{
	return egress_mtu > overhead ? egress_mtu - overhead : 0;
}

/*
 * §9: answer a packet too big for the fabric, reporting `mtu`. Returns the verdict:
 * SHOAL_STAT_ICMP_TOO_BIG_SENT with the answer in the frame (for XDP_TX), or a drop reason.
 * A subprogram: one copy for every place that encapsulates.
 */
static __noinline int answer_too_big(struct xdp_md *ctx, const struct pkt *p,
				     const struct shoal_config *cfg, __u32 mtu)
{
	int v4 = p->family == SHOAL_FAMILY_IPV4;
	__u32 hdrs = v4 ? SHOAL_ICMP4_HDRS : SHOAL_ICMP6_HDRS;
	__u32 limit = (v4 ? SHOAL_ICMP4_MAX_LEN : SHOAL_ICMP6_MAX_LEN) - hdrs;
	__u32 quote = p->ip_len < limit ? p->ip_len : limit;
	__u32 frame_len, want;
	__s64 quote_sum;

	if (!may_answer(ctx, p))
		return SHOAL_STAT_DROP_TOO_BIG;
	if (!icmp_rate_allows(cfg))
		return SHOAL_STAT_DROP_ICMP_RATE_LIMITED;
	quote_sum = csum_frame_bytes(ctx, L2_OFF(p), quote);
	if (quote_sum < 0)
		return SHOAL_STAT_DROP_NO_HEADROOM;
	/* New headers in front; the quote (the packet's first bytes) stays where it is. */
	if (bpf_xdp_adjust_head(ctx, -(int)hdrs))
		return SHOAL_STAT_DROP_NO_HEADROOM;
	frame_len = ctx->data_end - ctx->data;
	want = p->l2_len + hdrs + quote;
	if (frame_len > want && bpf_xdp_adjust_tail(ctx, -(int)(frame_len - want)))
		return SHOAL_STAT_DROP_NO_HEADROOM;
	if (write_answer(ctx, p, hdrs, quote, mtu, quote_sum))
		return SHOAL_STAT_DROP_NO_HEADROOM;
	return SHOAL_STAT_ICMP_TOO_BIG_SENT;
}

#endif /* SHOAL_LIB_ICMP_TOO_BIG_H */
