// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

#include "model/flow.h"

namespace shoal::model {

using MacAddress = std::array<std::uint8_t, 6>;

// What the XDP program passes to bpf_fib_lookup (docs/dataplane.md §6 step 5).
struct FibQuery {
    std::uint8_t family = 0;  // SHOAL_FAMILY_IPV4 or SHOAL_FAMILY_IPV6
    Address src{};
    Address dst{};
    std::uint16_t tot_len = 0;  // outer IP total length
    std::uint32_t ingress_ifindex = 0;
};

struct FibResult {
    int code = 0;  // BPF_FIB_LKUP_RET_* from <linux/bpf.h>
    std::uint32_t ifindex = 0;
    std::uint32_t mtu = 0;  // the route's MTU, with SUCCESS and FRAG_NEEDED (mtu_result)
    MacAddress smac{};
    MacAddress dmac{};
};

// The kernel's FIB as bpf_fib_lookup sees it.
class FibOracle {
  public:
    virtual ~FibOracle() = default;
    virtual FibResult lookup(const FibQuery& query) const = 0;
};

}  // namespace shoal::model
