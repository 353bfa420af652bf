/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * Does a local socket own this flow (§5 step 3)? An established (or any
 * non-listening) TCP socket, a valid SYN cookie for a local listener, or a
 * connected UDP socket. An unconnected UDP socket bound to the VIP exists on
 * every server and proves nothing.
 */
#ifndef SHOAL_LIB_SOCKETS_H
#define SHOAL_LIB_SOCKETS_H

#include "classify.h"

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10

enum flow_owner {
	OWNER_NONE = 0,
	OWNER_SOCKET,
	OWNER_SYNCOOKIE,
};

static __always_inline int is_tcp_syn(const struct flow *f)
{
	return f->proto == IPPROTO_TCP && !f->icmp_carried &&
	       (f->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN;
}

static __always_inline int may_carry_syncookie(const struct flow *f)
{
	return !f->icmp_carried &&
	       (f->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_RST | TCP_FLAG_ACK)) == TCP_FLAG_ACK;
}

static __always_inline int check_syncookie(struct xdp_md *ctx, const struct pkt *p,
					   struct bpf_sock *listener)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	void *iph = data + L2_OFF(p);
	struct tcphdr *th = data + L4_OFF(p);
	__u32 iph_len = p->family == SHOAL_FAMILY_IPV4 ? sizeof(struct iphdr)
						       : sizeof(struct ipv6hdr);

	if (iph + sizeof(struct ipv6hdr) > data_end || (void *)(th + 1) > data_end)
		return -1;
	return bpf_tcp_check_syncookie(listener, iph, iph_len, th, sizeof(*th));
}

static __always_inline int local_owner(struct xdp_md *ctx, const struct pkt *p,
				       const struct flow *f)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;
	__u32 tuple_len;
	int owner = OWNER_NONE;

	if (f->family == SHOAL_FAMILY_IPV4) {
		tuple.ipv4.saddr = f->saddr[0];
		tuple.ipv4.daddr = f->daddr[0];
		tuple.ipv4.sport = f->sport;
		tuple.ipv4.dport = f->dport;
		tuple_len = sizeof(tuple.ipv4);
	} else {
		__builtin_memcpy(tuple.ipv6.saddr, f->saddr, 16);
		__builtin_memcpy(tuple.ipv6.daddr, f->daddr, 16);
		tuple.ipv6.sport = f->sport;
		tuple.ipv6.dport = f->dport;
		tuple_len = sizeof(tuple.ipv6);
	}

	if (f->proto == IPPROTO_UDP) {
		sk = bpf_sk_lookup_udp(ctx, &tuple, tuple_len, BPF_F_CURRENT_NETNS, 0);
		if (!sk)
			return OWNER_NONE;
		if (sk->state == BPF_TCP_ESTABLISHED)
			owner = OWNER_SOCKET;
		bpf_sk_release(sk);
		return owner;
	}

	sk = bpf_skc_lookup_tcp(ctx, &tuple, tuple_len, BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return OWNER_NONE;
	if (sk->state != BPF_TCP_LISTEN)
		owner = OWNER_SOCKET;
	else if (may_carry_syncookie(f) && check_syncookie(ctx, p, sk) == 0)
		owner = OWNER_SYNCOOKIE;
	bpf_sk_release(sk);
	return owner;
}

#endif /* SHOAL_LIB_SOCKETS_H */
