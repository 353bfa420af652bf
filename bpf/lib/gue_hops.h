/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The hop list a GUE header carries (§2, §5, §6): at most one next hop, either as a plain
 * hop list ('S') or as a UDP return ticket ('R') naming the server that sent it.
 */
#ifndef SHOAL_LIB_GUE_HOPS_H
#define SHOAL_LIB_GUE_HOPS_H

#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include "shoal_abi.h"

struct gue_hops {
	__u16 next_hop; /* SHOAL_NO_SERVER when the list is empty */
	__u8 priv_type; /* SHOAL_GUE_PRIV_HOPS or SHOAL_GUE_PRIV_RETURN */
};

/* [next_hop], or the empty list for SHOAL_NO_SERVER. */
static __always_inline struct gue_hops hop_list(__u16 next_hop)
{
	struct gue_hops hops = {.next_hop = next_hop, .priv_type = SHOAL_GUE_PRIV_HOPS};

	return hops;
}

/* "Keep it if your socket owns it, else send it back to me." */
static __always_inline struct gue_hops return_ticket(__u16 self)
{
	struct gue_hops hops = {.next_hop = self, .priv_type = SHOAL_GUE_PRIV_RETURN};

	return hops;
}

/*
 * Invariant 2 on receipt. A return ticket names exactly the server that sent it (and so never
 * this one): anything else is not a ticket Shoal sends (0: DROP_BAD_GUE). A hop list naming its
 * sender or this server leads nowhere new: it reads as the empty list, so the packet is kept
 * here and never sent back. (A bucket's second hop sent [itself] before the invariants; read
 * this way, a rolling upgrade of the fleet loses no connection.)
 */
static __always_inline int hops_from(struct gue_hops *hops, __u32 sender, __u16 self)
{
	if (hops->priv_type == SHOAL_GUE_PRIV_RETURN)
		return hops->next_hop == sender && hops->next_hop != self;
	if (hops->next_hop == sender || hops->next_hop == self)
		hops->next_hop = SHOAL_NO_SERVER;
	return 1;
}

#endif /* SHOAL_LIB_GUE_HOPS_H */
