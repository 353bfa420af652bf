// SPDX-License-Identifier: MIT
#pragma once

#include "shoal_abi.h"

namespace shoal::model {

// The per-CPU token bucket of docs/dataplane.md §9 as the XDP program finds it: whether it
// holds a token for one more ICMP answer. Like the FIB and the sockets, its state is the
// kernel's (it depends on time and on earlier packets), so the model takes it as an oracle.
class IcmpRateOracle {
  public:
    virtual ~IcmpRateOracle() = default;
    virtual bool allows(const shoal_config& config) const = 0;
};

// A bucket that never runs dry: a token whenever config's rate and burst are not 0. What the
// program finds while it sends fewer answers than the burst allows (the test worlds use a
// rate so high that the refill never falls behind).
class UnexhaustedIcmpRate final : public IcmpRateOracle {
  public:
    bool allows(const shoal_config& config) const override {
        return config.icmp_too_big_rate != 0 && config.icmp_too_big_burst != 0;
    }
};

const IcmpRateOracle& unexhausted_icmp_rate();

}  // namespace shoal::model
