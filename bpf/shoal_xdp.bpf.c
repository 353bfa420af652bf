// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Shoal's XDP program, on every server's NIC ingress. Reads top-down like the
 * packet path: parse → GUE? → classify → hash → bucket → keep or forward.
 * docs/dataplane.md is the exact contract; the C++ reference model
 * (userspace/model/) implements the same document and tests hold them equal.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "lib/parse.h"
#include "lib/classify.h"
#include "lib/flow_hash.h"
#include "lib/sockets.h"
#include "lib/encap.h"
#include "lib/decap.h"
#include "lib/ecn.h"
#include "lib/gue_auth.h"
#include "lib/stats.h"

static __always_inline int verdict(__u32 row, __u32 stat, __u64 bytes, int action)
{
	count_stat(row, stat, bytes);
	return action;
}

/*
 * §5: this server is the current hop. Keep what is ours (new flows, flows with
 * a local socket or a valid SYN cookie); pass the rest on to the next hop.
 * UDP has no SYN to tell a new flow, so UDP goes on with a return ticket: the
 * next hop keeps it only if its socket owns it, else sends it back to be kept.
 */
static __always_inline int redirect_or_keep(struct xdp_md *ctx, const struct pkt *p,
					    const struct flow *f, const struct shoal_config *cfg,
					    const struct shoal_service *svc, struct gue_hops hops,
					    __u64 bytes)
{
	__u32 row = svc->service_id;
	__u32 stat = SHOAL_STAT_FORWARD_SECOND_HOP;
	__u16 target = hops.next_hop;
	struct gue_hops onward = hop_list(SHOAL_NO_SERVER);
	int owner;

	/* A fragment has no ports to look a socket up with: its bucket's first hop keeps it. */
	if (f->fragment)
		return verdict(row, SHOAL_STAT_KEEP_FRAGMENT, bytes, XDP_PASS);
	if (is_tcp_syn(f))
		return verdict(row, SHOAL_STAT_KEEP_SYN, bytes, XDP_PASS);
	if (target == SHOAL_NO_SERVER)
		return verdict(row, SHOAL_STAT_KEEP_LAST_HOP, bytes, XDP_PASS);
	owner = local_owner(ctx, p, f);
	if (owner == OWNER_SOCKET)
		return verdict(row, SHOAL_STAT_KEEP_SOCKET, bytes, XDP_PASS);
	if (owner == OWNER_SYNCOOKIE)
		return verdict(row, SHOAL_STAT_KEEP_SYNCOOKIE, bytes, XDP_PASS);
	/* Invariant 3: what a kernel has routed back here until its TTL ran out goes no further. */
	if (p->ttl <= 1)
		return verdict(row, SHOAL_STAT_DROP_TTL_EXPIRED, bytes, XDP_DROP);
	if (hops.priv_type == SHOAL_GUE_PRIV_RETURN)
		stat = SHOAL_STAT_FORWARD_RETURN;
	else if (f->proto == IPPROTO_UDP)
		onward = return_ticket(cfg->self_index);
	return encapsulate(ctx, p, cfg, row, stat, bytes, target, onward,
			   flow_hash(cfg, svc->hash_mode, f));
}

/* §4: a packet from the router. Its bucket names the first and second hop. */
static __always_inline int steer(struct xdp_md *ctx, const struct pkt *p, const struct flow *f,
				 const struct shoal_config *cfg, const struct shoal_service *svc,
				 __u64 bytes)
{
	__u64 hash = flow_hash(cfg, svc->hash_mode, f);
	struct shoal_bucket *b = lookup_bucket(svc, hash);
	__u32 row = svc->service_id;
	__u16 self = cfg->self_index;
	__u16 first, second;

	if (!b)
		return verdict(row, SHOAL_STAT_DROP_NO_TABLE, bytes, XDP_DROP);
	first = b->first_hop;
	second = b->second_hop;

	/* Invariant 2: a hop list never names this server nor the server it is sent to. */
	if (first == self)
		return redirect_or_keep(ctx, p, f, cfg, svc,
					hop_list(second == self ? SHOAL_NO_SERVER : second), bytes);

	/* We are the previous owner of this bucket: keep our own flows without the detour. What
	 * we do not own goes to the first hop with an empty hop list: it keeps it without asking
	 * us again. A fragment cannot be checked against sockets: the first hop keeps it too. */
	if (second == self) {
		if (!is_tcp_syn(f) && !f->fragment && local_owner(ctx, p, f) != OWNER_NONE)
			return verdict(row, SHOAL_STAT_KEEP_SECOND_HOP_OWNED, bytes, XDP_PASS);
		second = SHOAL_NO_SERVER;
	}
	if (second == first || f->fragment)
		second = SHOAL_NO_SERVER;

	return encapsulate(ctx, p, cfg, row, SHOAL_STAT_FORWARD_FIRST_HOP, bytes, first,
			   hop_list(second), hash);
}

/* §1.4: the fragments of a 4-tuple service are passed or dropped, as configured. */
static __always_inline int fragment_policy(const struct shoal_service *svc, __u64 bytes)
{
	if (svc->fragments == SHOAL_FRAGMENTS_DROP)
		return verdict(svc->service_id, SHOAL_STAT_DROP_FRAGMENT, bytes, XDP_DROP);
	return verdict(svc->service_id, SHOAL_STAT_PASS_FRAGMENT, bytes, XDP_PASS);
}

/* §2: GUE from another server. Strip it, then act as the hop it names us. */
static __always_inline int receive_gue(struct xdp_md *ctx, struct pkt *p,
				       const struct shoal_config *cfg, __u64 bytes)
{
	struct gue_hops hops = hop_list(SHOAL_NO_SERVER);
	struct shoal_service *svc = NULL;
	const struct shoal_gue_auth *auth = gue_auth();
	struct gue_seal *seal = NULL;
	struct shoal_member *member;
	__u32 gue_len, inner_len = 0;
	__u16 inner_proto;
	__u8 outer_tos;
	struct flow f;
	int rc, auth_rc;

	member = member_of(p);
	if (!member)
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_GUE_NOT_MEMBER, bytes, XDP_DROP);
	inner_proto = read_gue(ctx, p, &hops);
	if (!inner_proto || !hops_from(&hops, member->server_index, cfg->self_index))
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_BAD_GUE, bytes, XDP_DROP);
	gue_len = gue_length(ctx, p);
	if (gue_len)
		inner_len = gue_inner_len(p, gue_len);
	if (inner_len && gue_signs(auth))
		seal = read_seal(ctx, p, gue_len);
	outer_tos = p->tos;
	if (!inner_len || strip_outer(ctx, p, inner_proto, gue_len))
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_BAD_GUE, bytes, XDP_DROP);

	rc = parse_ip(ctx, p, inner_proto);
	if (rc == PARSE_BAD_L3 || p->ip_len != inner_len)
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_BAD_GUE, bytes, XDP_DROP);
	if (rc == PARSE_BAD_L4)
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_MALFORMED, bytes, XDP_DROP);

	/* §8: who really sent it? */
	auth_rc = check_seal(ctx, p, seal, auth);
	if (auth_rc) {
		count_stat(SHOAL_STATS_ROW_NONE, auth_rc, bytes);
		if (auth && auth->mode == SHOAL_GUE_AUTH_ENFORCE)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_GUE_AUTH, bytes,
				       XDP_DROP);
	}

	if (rc == PARSE_FRAGMENT) {
		svc = classify_fragment(p, &f);
	} else {
		rc = classify(ctx, p, &f, &svc);
		if (rc == CLASSIFY_TRUNCATED)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_MALFORMED, bytes,
				       XDP_DROP);
		if (rc != CLASSIFY_SERVICE)
			svc = NULL;
	}
	/* Invariant 3: only a packet for a VIP of a service is kept or sent on. */
	if (!svc)
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_DROP_GUE_NOT_SERVICE, bytes,
			       XDP_DROP);

	count_stat(svc->service_id, SHOAL_STAT_DECAP, bytes);
	if (decap_ecn(ctx, p, outer_tos))
		return verdict(svc->service_id, SHOAL_STAT_DROP_CE_NOT_ECT, bytes, XDP_DROP);
	if (f.fragment && svc->hash_mode != SHOAL_HASH_SRC_ADDR)
		return fragment_policy(svc, bytes);
	return redirect_or_keep(ctx, p, &f, cfg, svc, hops, bytes);
}

SEC("xdp")
int shoal_xdp(struct xdp_md *ctx)
{
	__u64 bytes = ctx->data_end - ctx->data;
	struct shoal_service *svc = NULL;
	struct shoal_config *cfg;
	struct pkt p = {};
	struct flow f;
	__u32 zero = 0;
	__u16 eth_proto;
	int rc;

	cfg = bpf_map_lookup_elem(&shoal_config, &zero);
	if (!cfg)
		return XDP_PASS;

	if (parse_eth(ctx, &p, &eth_proto) != PARSE_OK)
		return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_PASS_NOT_IP, bytes, XDP_PASS);
	rc = parse_ip(ctx, &p, eth_proto);
	if (rc == PARSE_FRAGMENT) {
		svc = classify_fragment(&p, &f);
		if (!svc)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_PASS_FRAGMENT, bytes,
				       XDP_PASS);
		if (svc->hash_mode != SHOAL_HASH_SRC_ADDR)
			return fragment_policy(svc, bytes);
	} else {
		if (rc != PARSE_OK)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_PASS_UNPARSED, bytes,
				       XDP_PASS);
		if (is_gue_for_us(&p, cfg))
			return receive_gue(ctx, &p, cfg, bytes);
		rc = classify(ctx, &p, &f, &svc);
		if (rc == CLASSIFY_TRUNCATED)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_PASS_UNPARSED, bytes,
				       XDP_PASS);
		if (rc != CLASSIFY_SERVICE || !svc)
			return verdict(SHOAL_STATS_ROW_NONE, SHOAL_STAT_PASS_NOT_SERVICE, bytes,
				       XDP_PASS);
	}
	/* One call site: steer() and all it inlines are verified once. */
	return steer(ctx, &p, &f, cfg, svc, bytes);
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
