// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "model/hop_list.h"
#include "model/parse.h"
#include "model/state.h"
#include "shoal_abi.h"

// docs/dataplane.md §2: GUE from a fleet member, checked and taken off.
namespace shoal::model {

// UDP to config.gue_port at this server's DIP of the packet's family. The packet must have
// passed check_l4.
bool is_gue(std::span<const std::uint8_t> frame, const IpHeader& ip, const shoal_config& config);

struct GueHeader {
    std::uint16_t inner_ethertype = 0;  // from the GUE proto
    HopList hops;
    std::size_t inner_len = 0;  // the inner IP length the outer lengths give (invariant 4)
    std::uint8_t outer_tos = 0;
    std::size_t length = sizeof(shoal_gue_hdr);  // 16 with the tag of §8 (hlen 3)
};

// §2 steps 1-3: the sender is a member, the GUE header and its hop list are what Shoal sends
// (invariant 2), and the UDP datagram fills the outer packet. nullopt and the drop verdict in
// `drop`, or the checked header.
std::optional<GueHeader> check_gue(std::span<const std::uint8_t> frame, const IpHeader& ip,
                                   const DataplaneState& state, shoal_stat& drop);

// §2 step 3: the frame without the outer IP, UDP and GUE headers; the L2 header stays with
// its EtherType set to the inner family's.
std::vector<std::uint8_t> decapsulate(std::span<const std::uint8_t> frame, const L2Header& l2,
                                      const IpHeader& ip, const GueHeader& gue);

}  // namespace shoal::model
