/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Ones'-complement sums over raw (network-order) words. Summing 32-bit words into
 * a 64-bit accumulator and folding gives the same 16-bit Internet checksum sum.
 */
#ifndef SHOAL_LIB_CSUM_H
#define SHOAL_LIB_CSUM_H

#include <linux/types.h>

static __always_inline __u16 csum_fold64(__u64 sum)
{
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)sum;
}

static __always_inline __u64 csum_add_addr(__u64 sum, const __be32 *addr, __u8 family)
{
	sum += addr[0];
	if (family == SHOAL_FAMILY_IPV6)
		sum += (__u64)addr[1] + addr[2] + addr[3];
	return sum;
}

/* Sum of a 20-byte IPv4 header, 16-bit words (the header lies in packet memory). */
static __always_inline __u16 ipv4_header_csum(const void *iph)
{
	const __u16 *w = iph;
	__u64 sum = 0;
	int i;

#pragma unroll
	for (i = 0; i < 10; i++)
		sum += w[i];
	return ~csum_fold64(sum);
}

#endif /* SHOAL_LIB_CSUM_H */
