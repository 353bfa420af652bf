/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * GUE that cannot be forged (§8): the tag a sender writes after its hop list, and the check
 * a receiver makes with the current and the next key. Without it a member is recognised by
 * its outer source address alone, which anyone who reaches a DIP can forge.
 */
#ifndef SHOAL_LIB_GUE_AUTH_H
#define SHOAL_LIB_GUE_AUTH_H

#include "gue_hops.h"
#include "maps.h"
#include "parse.h"
#include "shoal_gue_tag.h"

/* The mode and keys; NULL reads as mode off. */
static __always_inline const struct shoal_gue_auth *gue_auth(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&shoal_gue_auth, &zero);
}

static __always_inline int gue_signs(const struct shoal_gue_auth *auth)
{
	return auth && auth->mode != SHOAL_GUE_AUTH_OFF;
}

/* What a tag covers in the outer headers. */
struct tag_outer {
	__be32 src[4];
	__be32 dst[4];
	__u64 gue_raw; /* GUE header bytes 0-7 as sent, a little-endian load */
	__u8 family;
};

/* A received GUE packet's outer part of the tag, and its tag, read before decapsulation. */
struct gue_seal {
	struct tag_outer outer;
	__u64 tag;     /* bytes 8-15 when tagged */
	__u8 tagged;   /* hlen 3 */
	__u16 gue_len; /* 8 or 16: what decapsulation removes after UDP */
};

/* The seal lives here from before decapsulation until the check: XDP's 512-byte stack is full
 * with the encapsulation's FIB lookup. Per CPU, and XDP does not nest on a CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct gue_seal);
} shoal_gue_seal SEC(".maps");

/* The GUE header (8 bytes) as write_udp_gue writes it, as a little-endian load. */
static __always_inline __u64 gue_header_raw(__u8 hlen, __u8 inner_family,
					    const struct gue_hops *hops)
{
	struct shoal_gue_hdr g = {
	    .ver_c_hlen = hlen,
	    .proto = inner_family == SHOAL_FAMILY_IPV4 ? IPPROTO_IPIP : IPPROTO_IPV6,
	    .flags = 0,
	    .priv_type = hops->priv_type,
	    .hop_count = hops->next_hop == SHOAL_NO_SERVER ? 0 : 1,
	    .next_hop = bpf_htons(hops->next_hop),
	};
	__u64 raw;

	__builtin_memcpy(&raw, &g, sizeof(raw));
	return raw;
}

/* §2.2: the bytes of GUE after UDP (8, or 16 with the tag: hlen 3, which read_gue accepted);
 * 0 when the tag is cut off. */
static __always_inline __u32 gue_length(struct xdp_md *ctx, const struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *gue = data + L4_OFF(p) + sizeof(struct udphdr);

	if ((void *)(gue + 8) > data_end)
		return 0;
	if (gue[0] != SHOAL_GUE_HLEN_WORDS_TAGGED)
		return 8;
	if ((void *)(gue + 16) > data_end || (void *)(gue + 16) - data > p->ip_end)
		return 0;
	return 16;
}

/* What the tag covers in the outer headers, and the tag, before decapsulation removes them
 * (only when tags are checked: nothing to copy otherwise). NULL if the frame is too short. */
static __always_inline struct gue_seal *read_seal(struct xdp_md *ctx, const struct pkt *p,
						  __u32 gue_len)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *gue = data + L4_OFF(p) + sizeof(struct udphdr);
	struct gue_seal *s;
	__u32 zero = 0;

	s = bpf_map_lookup_elem(&shoal_gue_seal, &zero);
	if (!s || (void *)(gue + 16) > data_end)
		return NULL; /* 16: the smallest inner packet follows an untagged header */
	__builtin_memcpy(s->outer.src, p->saddr, 16);
	__builtin_memcpy(s->outer.dst, p->daddr, 16);
	s->outer.family = p->family;
	__builtin_memcpy(&s->outer.gue_raw, gue, 8);
	s->tagged = gue_len == 16;
	s->gue_len = gue_len;
	if (s->tagged)
		__builtin_memcpy(&s->tag, gue + 8, 8);
	return s;
}

/* The inner L4 header's first 4 bytes for the tail word; 0 when fewer are in the packet. */
static __always_inline __u32 tag_l4_raw(struct xdp_md *ctx, const struct pkt *p)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u8 *l4 = data + L4_OFF(p);
	__u32 raw;

	if ((void *)(l4 + 4) > data_end || L4_OFF(p) + 4 > p->ip_end)
		return 0;
	__builtin_memcpy(&raw, l4, 4);
	return raw;
}

/* A key as a global function takes it: the verifier sizes a pointer argument by its type. */
struct gue_key {
	__u64 k[2];
};

/*
 * The tag of the packet p describes (the one being sent, or the decapsulated one) under a
 * GUE header and outer addresses. A global function: one copy of SipHash, which the verifier
 * checks once rather than once for every path that reaches a call; to it the pointers may
 * be NULL, so they are checked.
 */
__noinline __u64 gue_tag(struct xdp_md *ctx, const struct pkt *p, const struct gue_key *key,
			 const struct tag_outer *o)
{
	if (!p || !key || !o)
		return 0;
	return shoal_gue_tag(key->k, o->gue_raw, o->src, o->dst, o->family, p->saddr, p->daddr,
			     p->family, tag_l4_raw(ctx, p), p->l4_proto);
}

static __always_inline const struct gue_key *gue_key(const __u64 *words)
{
	return (const struct gue_key *)words;
}

/* §8: 0 when the decapsulated packet p may go on, else SHOAL_STAT_GUE_AUTH_MISSING or _BAD
 * (the caller counts it, and drops it in enforce mode). */
static __always_inline int check_seal(struct xdp_md *ctx, const struct pkt *p,
				      const struct gue_seal *s, const struct shoal_gue_auth *auth)
{
	__u64 want;

	if (!gue_signs(auth))
		return 0;
	if (!s)
		return SHOAL_STAT_GUE_AUTH_BAD; /* read_seal found too little: cannot happen */
	if (!s->tagged)
		return SHOAL_STAT_GUE_AUTH_MISSING;
	want = gue_tag(ctx, p, gue_key(auth->key), &s->outer);
	if (want == s->tag)
		return 0;
	if (auth->has_next) {
		want = gue_tag(ctx, p, gue_key(auth->next_key), &s->outer);
		if (want == s->tag)
			return 0;
	}
	return SHOAL_STAT_GUE_AUTH_BAD;
}

/* What a tag adds to an outer UDP checksum (its two 32-bit words as they lie in the packet),
 * for the IPv6 outer checksum of §7 and any other that covers the GUE header. */
static __noinline __u64 gue_tag_csum(__u64 tag) { return (tag & 0xffffffff) + (tag >> 32); }

#endif /* SHOAL_LIB_GUE_AUTH_H */
