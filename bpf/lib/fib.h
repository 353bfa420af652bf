/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The Ethernet next hop of an encapsulated packet (§6.5): bpf_fib_lookup, whose answer
 * for a target server and outer family is reused on this CPU for SHOAL_FIB_CACHE_NS.
 * The lookup is the largest single cost of forwarding; the cache keeps a route or
 * neighbour change visible within that time, and failures are never cached.
 */
#ifndef SHOAL_LIB_FIB_H
#define SHOAL_LIB_FIB_H

#include "maps.h"

#define SHOAL_AF_INET 2
#define SHOAL_AF_INET6 10

static __always_inline int same_dst(const __be32 *a, const __be32 *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

/* Returns 0 (fib->smac, dmac and ifindex set) or a SHOAL_STAT_DROP_* reason; with
 * DROP_TOO_BIG, fib->mtu_result holds the route MTU. */
static __always_inline int lookup_next_hop(struct xdp_md *ctx, struct bpf_fib_lookup *fib,
					   __u32 target, const __be32 *dst)
{
	__u32 key = target * 2 + (fib->family == SHOAL_AF_INET6);
	struct shoal_fib_cache_entry *e = bpf_map_lookup_elem(&shoal_fib_cache, &key);
	__u64 now = bpf_ktime_get_ns();
	__u32 ingress = fib->ifindex;
	__u16 tot_len = fib->tot_len;
	int rc;

	if (e && e->expires_ns > now && e->ingress_ifindex == ingress && same_dst(e->dst, dst)) {
		if (tot_len > e->mtu) {
			fib->mtu_result = e->mtu; /* as the kernel answers FRAG_NEEDED */
			return SHOAL_STAT_DROP_TOO_BIG;
		}
		__builtin_memcpy(fib->smac, e->smac, ETH_ALEN);
		__builtin_memcpy(fib->dmac, e->dmac, ETH_ALEN);
		fib->ifindex = e->egress_ifindex;
		return 0;
	}

	rc = bpf_fib_lookup(ctx, fib, sizeof(*fib), 0);
	if (rc == BPF_FIB_LKUP_RET_FRAG_NEEDED)
		return SHOAL_STAT_DROP_TOO_BIG;
	if (rc == BPF_FIB_LKUP_RET_NO_NEIGH)
		return SHOAL_STAT_DROP_FIB_NO_NEIGH;
	if (rc != BPF_FIB_LKUP_RET_SUCCESS)
		return SHOAL_STAT_DROP_FIB_FAILED;
	if (e) {
		/* On success the kernel returns the route MTU in mtu_result (union with tot_len). */
		e->expires_ns = now + SHOAL_FIB_CACHE_NS;
		e->dst[0] = dst[0];
		e->dst[1] = dst[1];
		e->dst[2] = dst[2];
		e->dst[3] = dst[3];
		e->ingress_ifindex = ingress;
		e->egress_ifindex = fib->ifindex;
		e->mtu = fib->mtu_result;
		__builtin_memcpy(e->smac, fib->smac, ETH_ALEN);
		__builtin_memcpy(e->dmac, fib->dmac, ETH_ALEN);
	}
	return 0;
}

#endif /* SHOAL_LIB_FIB_H */
