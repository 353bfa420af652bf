/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The flow hash, shared verbatim by the XDP program and the C++ reference model.
 * SipHash-1-3 (as the kernel's hsiphash on 64-bit) keyed with the fleet secret,
 * so an outsider cannot choose tuples that land in one bucket.
 * Also SipHash-2-4, the MAC of the GUE authentication tag (shoal_gue_tag.h).
 *
 * A flow is packed into 64-bit words (shoal_flow_words) and hashed as the
 * byte string of those words in little-endian order:
 *   4-tuple IPv4: w0 = saddr | daddr << 32          w1 = tail
 *   4-tuple IPv6: w0,w1 = saddr  w2,w3 = daddr      w4 = tail
 *   source  IPv4: w0 = saddr                        w1 = tail
 *   source  IPv6: w0,w1 = saddr                     w2 = tail
 *   tail = sport | dport << 16 | proto << 32 | family << 40 | mode << 48
 * (ports and proto are zero in source-address mode). Addresses and ports are
 * taken as the raw network-order bytes read as little-endian integers.
 */
#ifndef SHOAL_HASH_H
#define SHOAL_HASH_H

#include <linux/types.h>

#ifdef __cplusplus
#define SHOAL_INLINE static inline
#else
#define SHOAL_INLINE static __always_inline
#endif

#define SHOAL_FLOW_MAX_WORDS 5

struct shoal_flow_words {
	__u64 w[SHOAL_FLOW_MAX_WORDS];
	__u32 count;
};

SHOAL_INLINE __u64 shoal_rotl64(__u64 x, int b)
{
	return (x << b) | (x >> (64 - b));
}

#define SHOAL_SIPROUND(v0, v1, v2, v3)                                        \
	do {                                                                  \
		v0 += v1; v1 = shoal_rotl64(v1, 13); v1 ^= v0;                \
		v0 = shoal_rotl64(v0, 32);                                    \
		v2 += v3; v3 = shoal_rotl64(v3, 16); v3 ^= v2;                \
		v0 += v3; v3 = shoal_rotl64(v3, 21); v3 ^= v0;                \
		v2 += v1; v1 = shoal_rotl64(v1, 17); v1 ^= v2;                \
		v2 = shoal_rotl64(v2, 32);                                    \
	} while (0)

/* SipHash-1-3 of the 8*count-byte message held in words (count <= 5). */
SHOAL_INLINE __u64 shoal_siphash13(const __u64 key[2], const struct shoal_flow_words *m)
{
	__u64 v0 = 0x736f6d6570736575ULL ^ key[0];
	__u64 v1 = 0x646f72616e646f6dULL ^ key[1];
	__u64 v2 = 0x6c7967656e657261ULL ^ key[0];
	__u64 v3 = 0x7465646279746573ULL ^ key[1];
	__u64 b;
	__u32 i;

	for (i = 0; i < SHOAL_FLOW_MAX_WORDS; i++) {
		if (i >= m->count)
			break;
		v3 ^= m->w[i];
		SHOAL_SIPROUND(v0, v1, v2, v3);
		v0 ^= m->w[i];
	}
	b = ((__u64)(m->count * 8)) << 56;
	v3 ^= b;
	SHOAL_SIPROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	SHOAL_SIPROUND(v0, v1, v2, v3);
	SHOAL_SIPROUND(v0, v1, v2, v3);
	SHOAL_SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

/*
 * SipHash-2-4 (the SipHash paper's recommended parameters, a MAC), fed one 64-bit word at a
 * time (the little-endian load of 8 message bytes, as the reference implementation reads
 * them), so a message need not be stored: an XDP program has 512 bytes of stack.
 */
struct shoal_sip24 {
	__u64 v0, v1, v2, v3;
	__u32 words; /* absorbed so far */
};

SHOAL_INLINE void shoal_sip24_init(struct shoal_sip24 *s, const __u64 key[2])
{
	s->v0 = 0x736f6d6570736575ULL ^ key[0];
	s->v1 = 0x646f72616e646f6dULL ^ key[1];
	s->v2 = 0x6c7967656e657261ULL ^ key[0];
	s->v3 = 0x7465646279746573ULL ^ key[1];
	s->words = 0;
}

SHOAL_INLINE void shoal_sip24_absorb(struct shoal_sip24 *s, __u64 m)
{
	s->v3 ^= m;
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	s->v0 ^= m;
	s->words++;
}

/* The MAC of the words absorbed: a message of 8 * words bytes. */
SHOAL_INLINE __u64 shoal_sip24_final(struct shoal_sip24 *s)
{
	__u64 b = ((__u64)(s->words * 8)) << 56;

	s->v3 ^= b;
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	s->v0 ^= b;
	s->v2 ^= 0xff;
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	SHOAL_SIPROUND(s->v0, s->v1, s->v2, s->v3);
	return s->v0 ^ s->v1 ^ s->v2 ^ s->v3;
}

/* SipHash-2-4 of the 8*count-byte message w[0..count). */
SHOAL_INLINE __u64 shoal_siphash24(const __u64 key[2], const __u64 *w, __u32 count)
{
	struct shoal_sip24 s;
	__u32 i;

	shoal_sip24_init(&s, key);
	for (i = 0; i < count; i++)
		shoal_sip24_absorb(&s, w[i]);
	return shoal_sip24_final(&s);
}

SHOAL_INLINE __u64 shoal_flow_tail(__u16 sport_raw, __u16 dport_raw, __u8 proto,
				   __u8 family, __u8 mode)
{
	return (__u64)sport_raw | ((__u64)dport_raw << 16) | ((__u64)proto << 32) |
	       ((__u64)family << 40) | ((__u64)mode << 48);
}

/* Raw 32-bit loads of network-order addresses (no byte swapping on purpose). */
SHOAL_INLINE __u64 shoal_addr_pair(__u32 lo_raw, __u32 hi_raw)
{
	return (__u64)lo_raw | ((__u64)hi_raw << 32);
}

/* UDP source port of the outer header: high hash bits in 49152..65535. */
SHOAL_INLINE __u16 shoal_encap_sport(__u64 hash)
{
	return (__u16)(0xC000 | (hash >> 50));
}

/* IPv6 outer flow label: 20 hash bits, so routers' ECMP spreads flows. */
SHOAL_INLINE __u32 shoal_encap_flowlabel(__u64 hash)
{
	return (__u32)((hash >> 24) & 0xFFFFF);
}

#endif /* SHOAL_HASH_H */
