/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Flow → keyed hash → bucket (§4). The hash itself is shared with C++ (shoal_hash.h). */
#ifndef SHOAL_LIB_FLOW_HASH_H
#define SHOAL_LIB_FLOW_HASH_H

#include "classify.h"
#include "shoal_hash.h"

static __always_inline __u64 flow_hash(const struct shoal_config *cfg, __u8 mode,
				       const struct flow *f)
{
	struct shoal_flow_words m;

	if (mode == SHOAL_HASH_SRC_ADDR) {
		__u64 tail = shoal_flow_tail(0, 0, 0, f->family, mode);

		if (f->family == SHOAL_FAMILY_IPV4) {
			m.w[0] = f->saddr[0];
			m.w[1] = tail;
			m.count = 2;
		} else {
			m.w[0] = shoal_addr_pair(f->saddr[0], f->saddr[1]);
			m.w[1] = shoal_addr_pair(f->saddr[2], f->saddr[3]);
			m.w[2] = tail;
			m.count = 3;
		}
	} else {
		__u64 tail = shoal_flow_tail(f->sport, f->dport, f->proto, f->family,
					     SHOAL_HASH_4TUPLE);

		if (f->family == SHOAL_FAMILY_IPV4) {
			m.w[0] = shoal_addr_pair(f->saddr[0], f->daddr[0]);
			m.w[1] = tail;
			m.count = 2;
		} else {
			m.w[0] = shoal_addr_pair(f->saddr[0], f->saddr[1]);
			m.w[1] = shoal_addr_pair(f->saddr[2], f->saddr[3]);
			m.w[2] = shoal_addr_pair(f->daddr[0], f->daddr[1]);
			m.w[3] = shoal_addr_pair(f->daddr[2], f->daddr[3]);
			m.w[4] = tail;
			m.count = 5;
		}
	}
	return shoal_siphash13(cfg->hash_key, &m);
}

/* The bucket of a flow in its service's current table; NULL if there is none. */
static __always_inline struct shoal_bucket *lookup_bucket(const struct shoal_service *svc,
							   __u64 hash)
{
	__u32 slot = svc->table_slot;
	__u32 index = (__u32)hash & svc->bucket_mask;
	struct shoal_bucket *b;
	void *table;

	table = bpf_map_lookup_elem(&shoal_tables, &slot);
	if (!table)
		return NULL;
	b = bpf_map_lookup_elem(table, &index);
	if (!b || b->first_hop == SHOAL_NO_SERVER)
		return NULL;
	return b;
}

#endif /* SHOAL_LIB_FLOW_HASH_H */
