// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The programs of `shoal-bench dataplane --live` (tests/bench/dataplane_live.cpp), which runs
 * XDP programs with BPF_F_TEST_XDP_LIVE_FRAMES on a veth pair of its own namespaces:
 *   shoal_bench_drop     on the peer end: every frame sent there ends at its XDP hook;
 *   shoal_bench_reflect  the yardstick: swaps the MACs and sends the frame back (XDP_TX);
 *   shoal_bench_restore  what the kernel runs: puts the frame's start and first bytes back as
 *                        they were, then tail-calls the program measured (slot 0 of
 *                        shoal_bench_next).
 * Live frames are written once into pages that are recycled from run to run, so what a
 * program writes stays for the next run: an encapsulated frame leaves its outer UDP and GUE
 * headers where the Ethernet header was. Restoring the head makes every run see the frame
 * the benchmark chose; the reflector goes through the same restore and tail call, so both
 * rates carry the same small extra cost. The same restore lets `--loop` time many runs of a
 * path that rewrites the frame in one BPF_PROG_TEST_RUN call (repeat > 1 reuses one frame,
 * pointers and all): headers pushed or pulled at the front leave the frame's end where it
 * was, so its start is found from its length.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define SHOAL_BENCH_HEAD 64 /* L2 + L3 of every benchmark frame: all a program rewrites in place */

struct shoal_bench_head {
	__u8 bytes[SHOAL_BENCH_HEAD];
	__u32 len; /* the frame's length */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct shoal_bench_head);
} shoal_bench_frame SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} shoal_bench_next SEC(".maps");

SEC("xdp")
int shoal_bench_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp")
int shoal_bench_reflect(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u16 *mac = data;
	__u16 t0, t1, t2;

	if (data + 12 > data_end)
		return XDP_DROP;
	t0 = mac[0];
	t1 = mac[1];
	t2 = mac[2];
	mac[0] = mac[3];
	mac[1] = mac[4];
	mac[2] = mac[5];
	mac[3] = t0;
	mac[4] = t1;
	mac[5] = t2;
	return XDP_TX;
}

SEC("xdp")
int shoal_bench_restore(struct xdp_md *ctx)
{
	struct shoal_bench_head *head;
	void *data, *data_end;
	__u32 zero = 0;
	int moved;

	head = bpf_map_lookup_elem(&shoal_bench_frame, &zero);
	if (!head)
		return XDP_ABORTED;
	moved = (int)(ctx->data_end - ctx->data) - (int)head->len;
	if (moved && bpf_xdp_adjust_head(ctx, moved))
		return XDP_ABORTED;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	if (data + SHOAL_BENCH_HEAD > data_end)
		return XDP_ABORTED;
	__builtin_memcpy(data, head->bytes, SHOAL_BENCH_HEAD);
	bpf_tail_call(ctx, &shoal_bench_next, 0);
	return XDP_ABORTED; /* no program in the slot */
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
