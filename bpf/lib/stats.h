/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Per-CPU counters: one verdict per packet, per service row (shoal_abi.h). */
#ifndef SHOAL_LIB_STATS_H
#define SHOAL_LIB_STATS_H

#include "maps.h"

static __always_inline void count_stat(__u32 row, __u32 stat, __u64 bytes)
{
	__u32 key = row * SHOAL_STAT_MAX + stat;
	struct shoal_counter *c = bpf_map_lookup_elem(&shoal_stats, &key);

	if (c) {
		c->packets++;
		c->bytes += bytes;
	}
}

static __always_inline void count_server(__u32 server, __u64 bytes)
{
	struct shoal_counter *c = bpf_map_lookup_elem(&shoal_srv_stats, &server);

	if (c) {
		c->packets++;
		c->bytes += bytes;
	}
}

#endif /* SHOAL_LIB_STATS_H */
