// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The do-nothing XDP program the benchmark times as its baseline. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int shoal_noop(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
