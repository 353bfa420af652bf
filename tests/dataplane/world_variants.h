// SPDX-License-Identifier: MIT
#pragma once

#include "dice.h"
#include "model/state.h"

namespace shoal::test {

// The world's map contents varied at random, for the differential test: a new hash key, this
// server's families cut to one, and tables whose buckets differ from each other (so a wrong
// bucket index shows), naming any server: this one, peers, single-family ones, unused slots,
// unreachable ones, indexes past the maximum, or none; sometimes the other interface is
// not in shoal_tx_ports; GUE authentication with the world's keys (cases::kGueKey, maybe
// kGueNextKey next) and ICMP answers unlimited or none (rate or burst 0: every too-big answer
// rate-limited, deterministically), the two taking turns over the calls of a process (the
// first: enforce, no tokens), so a run of a few worlds meets each. The FIB and sockets stay
// the world's.
model::DataplaneState vary_world(const model::DataplaneState& base, Dice& dice);

}  // namespace shoal::test
