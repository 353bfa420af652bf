// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <set>

#include "dataplane/bpf_map.h"

namespace shoal {

// shoal_tx_ports: the interfaces XDP_REDIRECT may send an encapsulated packet out of (a
// device map keyed and valued by ifindex). The program counts a redirect to any other
// interface as DROP_NO_TX_PORT, so what it counts as forwarded really left. Fill it with the
// interfaces the program is attached to; the kernel refuses an ifindex it does not know in
// the calling thread's network namespace.
class TxPortWriter {
public:
    explicit TxPortWriter(const BpfMap& tx_ports) : map_(tx_ports) {}

    void add(std::uint32_t ifindex) const;
    bool remove(std::uint32_t ifindex) const; // false if it was not there
    std::set<std::uint32_t> list() const;
    // Makes the map hold exactly these interfaces.
    void replace_all(const std::set<std::uint32_t>& ifindexes) const;

private:
    const BpfMap& map_;
};

} // namespace shoal
