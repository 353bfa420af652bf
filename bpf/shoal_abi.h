/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The one definition of everything the XDP program and user space share:
 * map keys and values, the GUE header on the wire, counter indexes, limits.
 * Included by the BPF C (bpf/shoal_xdp.bpf.c) and by the C++ (userspace/, control/, tests/).
 * Multi-byte fields marked __be* are in network byte order; all others host order.
 */
#ifndef SHOAL_ABI_H
#define SHOAL_ABI_H

#include <linux/types.h>

/* The data-plane format: the layout of every map below and of the GUE header, and what the
 * program does with them (docs/dataplane.md). Raise it with any change an agent of another
 * format could not read or share; `shoald --version` and `shoalctl version` print it. */
#define SHOAL_DATAPLANE_FORMAT 1

/* ---- limits ------------------------------------------------------------ */
#define SHOAL_MAX_SERVICES 256        /* service ids 0..255 */
#define SHOAL_MAX_SERVERS 8192        /* server indexes 0..8191 */
#define SHOAL_NO_SERVER 0xFFFF        /* empty hop in a bucket or hop list */
#define SHOAL_TABLE_SLOTS (2 * SHOAL_MAX_SERVICES) /* two generations per service */
#define SHOAL_MIN_TABLE_BITS 8
#define SHOAL_MAX_TABLE_BITS 22
#define SHOAL_DEFAULT_TABLE_BITS 16
#define SHOAL_DEFAULT_GUE_PORT 6080
#define SHOAL_MAX_IPV6_EXT_HEADERS 4  /* extension headers skipped before giving up */
#define SHOAL_MAX_TX_PORTS 64         /* interfaces XDP_REDIRECT may send out of */

/* ---- address families as stored in keys (not AF_* to stay ABI-stable) -- */
enum shoal_family {
	SHOAL_FAMILY_IPV4 = 4,
	SHOAL_FAMILY_IPV6 = 6,
};

/* ---- services: {VIP, protocol, port} -> service -------------------------- */
struct shoal_service_key {
	__u8 addr[16]; /* IPv4: first 4 bytes, the rest zero */
	__u8 family;   /* enum shoal_family, | SHOAL_FAMILY_FRAGMENTS for a fragment entry */
	__u8 proto;    /* IPPROTO_TCP or IPPROTO_UDP */
	__be16 port;   /* destination port; 0 = any port */
};

/* A fragment has no ports (a later fragment has no L4 header at all), so fragments are found
 * by {VIP, protocol} alone: one entry per {VIP, protocol} of the services, keyed with this bit
 * set in family and port 0, its value the service whose rule applies (docs/dataplane.md §1.4). */
#define SHOAL_FAMILY_FRAGMENTS 0x80

enum shoal_hash_mode {
	SHOAL_HASH_4TUPLE = 0,   /* src addr, dst addr, src port, dst port, proto */
	SHOAL_HASH_SRC_ADDR = 1, /* source address only (client affinity) */
};

/* What happens to the fragments of a 4-tuple service (a source-address-hash service steers
 * them like the rest of its traffic). */
enum shoal_fragments {
	SHOAL_FRAGMENTS_PASS = 0, /* to the local kernel, unsteered (PASS_FRAGMENT) */
	SHOAL_FRAGMENTS_DROP = 1, /* dropped (DROP_FRAGMENT) */
};

struct shoal_service {
	__u32 service_id;  /* < SHOAL_MAX_SERVICES; row of the per-service counters */
	__u32 table_slot;  /* index into shoal_tables (the outer map) */
	__u32 bucket_mask; /* table size - 1; table size is a power of two */
	__u8 hash_mode;    /* enum shoal_hash_mode */
	__u8 fragments;    /* enum shoal_fragments; read in fragment entries of 4-tuple services */
	__u8 reserved[2];
};

/* ---- forwarding table: one inner array per slot, indexed by bucket ------ */
struct shoal_bucket {
	__u16 first_hop;  /* server index that owns new flows */
	__u16 second_hop; /* previous owner, or SHOAL_NO_SERVER */
};

/* ---- servers: index -> DIPs ------------------------------------------- */
enum shoal_server_flags {
	SHOAL_SERVER_HAS_V4 = 1 << 0,
	SHOAL_SERVER_HAS_V6 = 1 << 1,
};

struct shoal_server {
	__u8 dip6[16];
	__be32 dip4;
	__u8 flags; /* enum shoal_server_flags; 0 = slot unused */
	__u8 reserved[3];
};

/* ---- fleet members: outer source address -> server index ---------------- */
struct shoal_member_key {
	__u8 addr[16]; /* IPv4: first 4 bytes, the rest zero */
	__u8 family;   /* enum shoal_family */
	__u8 reserved[3];
};

struct shoal_member {
	__u32 server_index;
};

/* ---- this server (single-entry array) --------------------------------- */
#define SHOAL_DEFAULT_ICMP_TOO_BIG_RATE 1000 /* per second per CPU (Linux's icmp_msgs_per_sec) */
#define SHOAL_DEFAULT_ICMP_TOO_BIG_BURST 50  /* (Linux's icmp_msgs_burst) */

struct shoal_config {
	__u64 hash_key[2]; /* SipHash key, shared by the fleet */
	__u8 self_dip6[16];
	__be32 self_dip4;
	__u16 self_index;  /* this server's index in shoal_servers */
	__be16 gue_port;   /* UDP destination port of GUE */
	__u8 flags;        /* enum shoal_server_flags: which self DIPs are set */
	__u8 reserved[3];
	/* ICMP "fragmentation needed" / "packet too big" answers (docs/dataplane.md §9):
	 * a token bucket per CPU; rate 0 or burst 0 sends none. */
	__u32 icmp_too_big_rate;  /* tokens per second per CPU */
	__u32 icmp_too_big_burst; /* bucket size */
	__u32 reserved2;
};

/* ---- GUE header as Shoal sends it (8 bytes after the outer UDP header) --
 *  byte 0: ver (2 bits) = 0 | C (1 bit) = 0 | hlen (5 bits) = 1 or 3 (words of private data)
 *  byte 1: proto: 4 (inner IPv4) or 41 (inner IPv6)
 *  bytes 2-3: flags = 0 (no optional fields)
 *  bytes 4-7: private data: the remaining hop list, or a return ticket
 *  hlen 3 only: bytes 8-15: the authentication tag (docs/dataplane.md §8)
 */
#define SHOAL_GUE_HLEN_WORDS 1
#define SHOAL_GUE_HLEN_WORDS_TAGGED 3
#define SHOAL_GUE_TAG_LEN 8
#define SHOAL_GUE_PRIV_HOPS 0x53 /* 'S': private data holds a Shoal hop list */
/* 'R': a return ticket, sent only for UDP: hop_count 1, next_hop = the server that sent it.
 * Keep the packet if a local socket owns it, else send it back to next_hop with an empty
 * hop list (docs/dataplane.md §5). */
#define SHOAL_GUE_PRIV_RETURN 0x52

struct shoal_gue_hdr {
	__u8 ver_c_hlen; /* (ver << 6) | (c << 5) | hlen */
	__u8 proto;
	__be16 flags;
	__u8 priv_type;  /* SHOAL_GUE_PRIV_HOPS or SHOAL_GUE_PRIV_RETURN */
	__u8 hop_count;  /* 0 or 1 (always 1 for a return ticket) */
	__be16 next_hop; /* server index (a return ticket: the server that sent it);
			  * SHOAL_NO_SERVER when hop_count == 0 */
};

/* ---- GUE authentication (single-entry hash, key 0; docs/dataplane.md §8) --
 * No entry reads as mode off. A hash map without preallocation, so an update swaps in the
 * whole element under RCU: a packet sees the old mode and keys or the new ones, never a
 * half-written key (an array entry is copied in place while packets read it).
 */
enum shoal_gue_auth_mode {
	SHOAL_GUE_AUTH_OFF = 0,        /* send no tag, check none */
	SHOAL_GUE_AUTH_PERMISSIVE = 1, /* send tags; verify, count failures, accept */
	SHOAL_GUE_AUTH_ENFORCE = 2,    /* send tags; drop what fails */
};

struct shoal_gue_auth {
	__u64 key[2];      /* current SipHash-2-4 key: signs and verifies */
	__u64 next_key[2]; /* the next key: verifies only, when has_next */
	__u8 mode;         /* enum shoal_gue_auth_mode */
	__u8 has_next;
	__u8 reserved[6];
};

/* ---- ICMP too-big rate limit state (per CPU, per program instance, never pinned) --
 * GCRA: the theoretical arrival time of the next answer (docs/dataplane.md §9). */
struct shoal_icmp_rate {
	__u64 tat_ns;
};

/* ---- FIB answers reused per CPU (shoal_fib_cache) -----------------------
 * bpf_fib_lookup is the single largest cost of forwarding, so its answer for a
 * target server and outer family is reused for SHOAL_FIB_CACHE_NS on each CPU.
 * An entry is only trusted for the same destination DIP and ingress interface;
 * failures are never cached. Key: server index * 2 + (outer family is IPv6).
 */
#define SHOAL_FIB_CACHE_NS (100ULL * 1000 * 1000)
#define SHOAL_FIB_CACHE_ENTRIES (2 * SHOAL_MAX_SERVERS)

struct shoal_fib_cache_entry {
	__u64 expires_ns;   /* bpf_ktime_get_coarse_ns() deadline; 0 = empty */
	__be32 dst[4];      /* the DIP it was looked up for (IPv4 in dst[0]) */
	__u32 ingress_ifindex;
	__u32 egress_ifindex;
	__u32 mtu;          /* route MTU: larger outer packets are DROP_TOO_BIG */
	__u8 smac[6];
	__u8 dmac[6];
};

/* ---- counters ----------------------------------------------------------
 * shoal_stats: per-CPU array of (SHOAL_MAX_SERVICES + 1) rows of
 * SHOAL_STAT_MAX counters; key = row * SHOAL_STAT_MAX + stat. Row = service id,
 * or SHOAL_STATS_ROW_NONE for packets that matched no service.
 * Every packet counts exactly one verdict stat; a decapsulated packet also
 * counts SHOAL_STAT_DECAP, and GUE failing authentication SHOAL_STAT_GUE_AUTH_MISSING or
 * _BAD in row NONE (events, not verdicts: shoal_stat_is_event).
 * shoal_srv_stats: per-CPU array of SHOAL_MAX_SERVERS counters: packets and
 * bytes this server sent (encapsulated) to each server.
 */
enum shoal_stat {
	SHOAL_STAT_PASS_NOT_IP = 0,         /* not IPv4/IPv6 (ARP, LLDP, ...) */
	SHOAL_STAT_PASS_NOT_SERVICE,        /* IP, but not for a configured service */
	SHOAL_STAT_PASS_UNPARSED,           /* IP header malformed/truncated: left to the kernel */
	SHOAL_STAT_PASS_FRAGMENT,           /* fragment to the kernel: no service, or policy pass */
	SHOAL_STAT_KEEP_SYN,                /* TCP SYN without ACK: new flow, kept here */
	SHOAL_STAT_KEEP_SOCKET,             /* a local socket owns the flow */
	SHOAL_STAT_KEEP_SYNCOOKIE,          /* ACK carrying a valid SYN cookie of a local listener */
	SHOAL_STAT_KEEP_LAST_HOP,           /* no further hop: the local stack answers */
	SHOAL_STAT_KEEP_SECOND_HOP_OWNED,   /* we are the second hop and own the flow: kept without the detour */
	SHOAL_STAT_FORWARD_FIRST_HOP,       /* encapsulated to the bucket's first hop */
	SHOAL_STAT_FORWARD_SECOND_HOP,      /* not ours: encapsulated to the next hop of the list */
	SHOAL_STAT_FORWARD_RETURN,          /* UDP not ours either: back to the return ticket's server */
	SHOAL_STAT_DECAP,                   /* GUE from a member, decapsulated (event, not a verdict) */
	SHOAL_STAT_DROP_MALFORMED,          /* packet for a service with a truncated/bad L4 header */
	SHOAL_STAT_DROP_BAD_GUE,            /* GUE header we did not send: version, flags, hop list */
	SHOAL_STAT_DROP_GUE_NOT_MEMBER,     /* GUE from an outer source that is not a fleet member */
	SHOAL_STAT_DROP_GUE_NOT_SERVICE,    /* decapsulated packet is not for a configured service */
	SHOAL_STAT_DROP_TOO_BIG,            /* encapsulated packet would exceed the egress MTU */
	SHOAL_STAT_DROP_NO_TABLE,           /* service has no table, or bucket out of range */
	SHOAL_STAT_DROP_NO_SERVER,          /* hop names a server with no usable DIP */
	SHOAL_STAT_DROP_FIB_NO_NEIGH,       /* next hop's MAC not resolved yet */
	SHOAL_STAT_DROP_FIB_FAILED,         /* no route to the target DIP */
	SHOAL_STAT_DROP_NO_HEADROOM,        /* bpf_xdp_adjust_head failed */
	SHOAL_STAT_DROP_TTL_EXPIRED,        /* the redirector would forward TTL / hop limit <= 1 */
	SHOAL_STAT_DROP_CE_NOT_ECT,         /* RFC 6040: outer CE over an inner Not-ECT packet */
	SHOAL_STAT_DROP_NO_TX_PORT,         /* egress interface not in shoal_tx_ports */
	SHOAL_STAT_DROP_FRAGMENT,           /* fragment of a 4-tuple service, fragments policy drop */
	SHOAL_STAT_KEEP_FRAGMENT,           /* source-hash service's fragment at its first hop */
	SHOAL_STAT_ICMP_TOO_BIG_SENT,       /* too big to forward: ICMP too-big sent back (XDP_TX) */
	SHOAL_STAT_DROP_ICMP_RATE_LIMITED,  /* too big to forward, ICMP answer over the rate limit */
	SHOAL_STAT_DROP_GUE_AUTH,           /* GUE tag missing or wrong, gue_auth enforce */
	SHOAL_STAT_GUE_AUTH_MISSING,        /* GUE without a tag, gue_auth on (event, row NONE) */
	SHOAL_STAT_GUE_AUTH_BAD,            /* GUE tag matches no key, gue_auth on (event, row NONE) */
	SHOAL_STAT_MAX
};

/* Counted besides the verdict, never instead of one. */
static inline int shoal_stat_is_event(int stat)
{
	return stat == SHOAL_STAT_DECAP || stat == SHOAL_STAT_GUE_AUTH_MISSING ||
	       stat == SHOAL_STAT_GUE_AUTH_BAD;
}

#define SHOAL_STATS_ROW_NONE SHOAL_MAX_SERVICES
#define SHOAL_STATS_ENTRIES ((SHOAL_MAX_SERVICES + 1) * SHOAL_STAT_MAX)

struct shoal_counter {
	__u64 packets;
	__u64 bytes;
};

/* ---- map names (also the pin file names under the bpffs directory) ----- */
#define SHOAL_MAP_CONFIG "shoal_config"
#define SHOAL_MAP_SERVICES "shoal_services"
#define SHOAL_MAP_TABLES "shoal_tables"
#define SHOAL_MAP_SERVERS "shoal_servers"
#define SHOAL_MAP_MEMBERS "shoal_members"
#define SHOAL_MAP_STATS "shoal_stats"
#define SHOAL_MAP_SERVER_STATS "shoal_srv_stats"
#define SHOAL_MAP_TX_PORTS "shoal_tx_ports"   /* ifindex -> ifindex: where XDP_REDIRECT may go */
#define SHOAL_MAP_GUE_AUTH "shoal_gue_auth"
#define SHOAL_MAP_FIB_CACHE "shoal_fib_cache" /* per program instance, never pinned */
#define SHOAL_MAP_ICMP_RATE "shoal_icmp_rate" /* per program instance, never pinned */
#define SHOAL_MAP_GUE_SEAL "shoal_gue_seal"   /* per program instance, never pinned: scratch */

#ifdef __cplusplus
static_assert(sizeof(struct shoal_service_key) == 20, "shoal_service_key ABI");
static_assert(sizeof(struct shoal_service) == 16, "shoal_service ABI");
static_assert(sizeof(struct shoal_bucket) == 4, "shoal_bucket ABI");
static_assert(sizeof(struct shoal_server) == 24, "shoal_server ABI");
static_assert(sizeof(struct shoal_member_key) == 20, "shoal_member_key ABI");
static_assert(sizeof(struct shoal_member) == 4, "shoal_member ABI");
static_assert(sizeof(struct shoal_config) == 56, "shoal_config ABI");
static_assert(sizeof(struct shoal_gue_hdr) == 8, "shoal_gue_hdr ABI");
static_assert(sizeof(struct shoal_gue_auth) == 40, "shoal_gue_auth ABI");
static_assert(sizeof(struct shoal_icmp_rate) == 8, "shoal_icmp_rate ABI");
static_assert(sizeof(struct shoal_counter) == 16, "shoal_counter ABI");
static_assert(sizeof(struct shoal_fib_cache_entry) == 48, "shoal_fib_cache_entry ABI");
#else
_Static_assert(sizeof(struct shoal_service_key) == 20, "shoal_service_key ABI");
_Static_assert(sizeof(struct shoal_config) == 56, "shoal_config ABI");
_Static_assert(sizeof(struct shoal_gue_hdr) == 8, "shoal_gue_hdr ABI");
_Static_assert(sizeof(struct shoal_gue_auth) == 40, "shoal_gue_auth ABI");
#endif

#endif /* SHOAL_ABI_H */
