// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "cases.h"

namespace shoal::test {

// Cases the shared tables lack, written in their format so both the model and the real program
// run them: the drop reasons over IPv6 and GUE over IPv6, UDP ownership at the second hop with
// real connected and unconnected sockets, an IPv6 ICMP error kept by a real socket, and an
// oversized frame forwarded after decapsulation. Their worlds change only map contents.
std::vector<cases::PacketCase> extra_packet_cases();

}  // namespace shoal::test
