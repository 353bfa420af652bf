/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* The maps of the XDP program; layouts and names come from shoal_abi.h. */
#ifndef SHOAL_LIB_MAPS_H
#define SHOAL_LIB_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "shoal_abi.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct shoal_config);
} shoal_config SEC(".maps");

/* Hash without preallocation: an update swaps in a whole new element under RCU,
 * so a packet never sees a half-written {table_slot, bucket_mask}. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4 * SHOAL_MAX_SERVICES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct shoal_service_key);
	__type(value, struct shoal_service);
} shoal_services SEC(".maps");

/* Inner map template: BPF_F_INNER_MAP lets each slot hold a table of its own size. */
struct shoal_table_inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1 << SHOAL_DEFAULT_TABLE_BITS);
	__uint(map_flags, BPF_F_INNER_MAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct shoal_bucket)); /* __type() would leave only a BTF forward decl */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, SHOAL_TABLE_SLOTS);
	__type(key, __u32);
	__array(values, struct shoal_table_inner);
} shoal_tables SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SHOAL_MAX_SERVERS);
	__type(key, __u32);
	__type(value, struct shoal_server);
} shoal_servers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SHOAL_MAX_SERVERS * 2);
	__type(key, struct shoal_member_key);
	__type(value, struct shoal_member);
} shoal_members SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SHOAL_STATS_ENTRIES);
	__type(key, __u32);
	__type(value, struct shoal_counter);
} shoal_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SHOAL_MAX_SERVERS);
	__type(key, __u32);
	__type(value, struct shoal_counter);
} shoal_srv_stats SEC(".maps");

/* The interfaces user space attached to: XDP_REDIRECT goes only there, through this map, so a
 * redirect to an interface without XDP support (or gone) is a counted drop, not a silent one. */
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__uint(max_entries, SHOAL_MAX_TX_PORTS);
	__type(key, __u32);
	__type(value, __u32);
} shoal_tx_ports SEC(".maps");
/* Key 0 only. Hash without preallocation: an update swaps in mode and keys together under
 * RCU, so a rotation never shows a packet a half-written key. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, struct shoal_gue_auth);
} shoal_gue_auth SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct shoal_icmp_rate);
} shoal_icmp_rate SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SHOAL_FIB_CACHE_ENTRIES);
	__type(key, __u32);
	__type(value, struct shoal_fib_cache_entry);
} shoal_fib_cache SEC(".maps");

#endif /* SHOAL_LIB_MAPS_H */
