/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Is the packet for a service? Finds the service and the flow it belongs to.
 * An ICMP destination-unreachable / packet-too-big is steered by the packet it
 * carries, reversed, so it reaches the server that owns that flow (§3) — but only
 * when it is addressed to the VIP that sent the quoted packet (invariant 1b): an
 * error about a VIP flow sent to a DIP or any other host is never steered.
 */
#ifndef SHOAL_LIB_CLASSIFY_H
#define SHOAL_LIB_CLASSIFY_H

#include "parse.h"
#include "maps.h"

enum classify_result {
	CLASSIFY_SERVICE = 0,
	CLASSIFY_NOT_SERVICE,
	CLASSIFY_TRUNCATED, /* ICMP error whose embedded packet is incomplete */
};

/* The flow as the client sent it: src = client, dst = VIP. */
struct flow {
	__be32 saddr[4];
	__be32 daddr[4];
	__be16 sport;
	__be16 dport;
	__u8 proto;        /* TCP or UDP */
	__u8 family;
	__u8 icmp_carried; /* the packet is an ICMP error about this flow */
	__u8 tcp_flags;
	__u8 fragment;     /* an IP fragment: no ports, steered by source address only */
};

static __always_inline struct shoal_service *
lookup_service(__u8 family, __u8 proto, const __be32 *vip, __be16 port)
{
	struct shoal_service_key key = {};
	struct shoal_service *svc;

	__builtin_memcpy(key.addr, vip, 16); /* IPv4: words 1-3 are zero */
	key.family = family;
	key.proto = proto;
	key.port = port;
	svc = bpf_map_lookup_elem(&shoal_services, &key);
	if (svc)
		return svc;
	key.port = 0;
	return bpf_map_lookup_elem(&shoal_services, &key);
}

/* ICMPv4 destination unreachable (any code), ICMPv6 destination unreachable or packet too big. */
static __always_inline int is_steerable_icmp(const struct pkt *p, const __u8 *icmp)
{
	if (p->family == SHOAL_FAMILY_IPV4)
		return p->l4_proto == IPPROTO_ICMP && icmp[0] == SHOAL_ICMP_DEST_UNREACH;
	return p->l4_proto == IPPROTO_ICMPV6 &&
	       (icmp[0] == SHOAL_ICMPV6_DEST_UNREACH || icmp[0] == SHOAL_ICMPV6_PKT_TOOBIG);
}

static __always_inline int same_addr(const __be32 *a, const __be32 *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

/* The packet inside an ICMP error: fills the reversed flow. */
static __always_inline int parse_icmp_embedded(struct xdp_md *ctx, const struct pkt *p,
					       struct flow *f)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	void *inner = data + L4_OFF(p) + 8;
	__be16 *ports;

	if (p->family == SHOAL_FAMILY_IPV4) {
		struct iphdr *iph = inner;

		if ((void *)(iph + 1) > data_end || iph->version != 4 || iph->ihl < 5)
			return CLASSIFY_TRUNCATED;
		ports = inner + iph->ihl * 4;
		f->proto = iph->protocol;
		f->saddr[0] = iph->daddr;
		f->daddr[0] = iph->saddr;
		f->saddr[1] = f->saddr[2] = f->saddr[3] = 0;
		f->daddr[1] = f->daddr[2] = f->daddr[3] = 0;
	} else {
		struct ipv6hdr *ip6 = inner;

		if ((void *)(ip6 + 1) > data_end || ip6->version != 6)
			return CLASSIFY_TRUNCATED;
		ports = (void *)(ip6 + 1);
		f->proto = ip6->nexthdr;
		__builtin_memcpy(f->saddr, &ip6->daddr, 16);
		__builtin_memcpy(f->daddr, &ip6->saddr, 16);
	}
	if ((void *)ports + 8 > data_end || (void *)ports + 8 - data > p->ip_end)
		return CLASSIFY_TRUNCATED;
	if (f->proto != IPPROTO_TCP && f->proto != IPPROTO_UDP)
		return CLASSIFY_TRUNCATED;
	/* Invariant 1b: the error must be addressed to the address that sent the quoted packet. */
	if (!same_addr(f->daddr, p->daddr))
		return CLASSIFY_NOT_SERVICE;
	f->sport = ports[1];
	f->dport = ports[0];
	return CLASSIFY_SERVICE;
}

static __always_inline int classify(struct xdp_md *ctx, const struct pkt *p, struct flow *f,
				    struct shoal_service **svc)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	int rc;

	f->family = p->family;
	f->tcp_flags = p->tcp_flags;
	f->icmp_carried = 0;
	f->fragment = 0;
	if (p->l4_proto == IPPROTO_TCP || p->l4_proto == IPPROTO_UDP) {
		__builtin_memcpy(f->saddr, p->saddr, 16);
		__builtin_memcpy(f->daddr, p->daddr, 16);
		f->sport = p->sport;
		f->dport = p->dport;
		f->proto = p->l4_proto;
		*svc = lookup_service(p->family, p->l4_proto, p->daddr, p->dport);
		return *svc ? CLASSIFY_SERVICE : CLASSIFY_NOT_SERVICE;
	}

	__u8 *icmp = data + L4_OFF(p);

	if ((void *)(icmp + 8) > data_end || L4_OFF(p) + 8 > p->ip_end ||
	    !is_steerable_icmp(p, icmp))
		return CLASSIFY_NOT_SERVICE;
	rc = parse_icmp_embedded(ctx, p, f);
	if (rc != CLASSIFY_SERVICE)
		return rc;
	f->icmp_carried = 1;
	f->tcp_flags = 0;
	*svc = lookup_service(p->family, f->proto, f->daddr, f->dport);
	return *svc ? CLASSIFY_SERVICE : CLASSIFY_NOT_SERVICE;
}

/* §1.4: a fragment is found by {VIP, protocol} alone (its fragment entry); no ports. */
static __always_inline struct shoal_service *classify_fragment(const struct pkt *p, struct flow *f)
{
	struct shoal_service_key key = {};

	__builtin_memcpy(f->saddr, p->saddr, 16);
	__builtin_memcpy(f->daddr, p->daddr, 16);
	f->sport = f->dport = 0;
	f->proto = p->l4_proto;
	f->family = p->family;
	f->icmp_carried = 0;
	f->tcp_flags = 0;
	f->fragment = 1;
	__builtin_memcpy(key.addr, p->daddr, 16);
	key.family = p->family | SHOAL_FAMILY_FRAGMENTS;
	key.proto = p->l4_proto;
	return bpf_map_lookup_elem(&shoal_services, &key);
}

#endif /* SHOAL_LIB_CLASSIFY_H */
