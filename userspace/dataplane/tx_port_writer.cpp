// SPDX-License-Identifier: MIT
#include "dataplane/tx_port_writer.h"

#include <linux/bpf.h>

#include <string>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "shoal_abi.h"

namespace shoal {
namespace {

KeyText ifindex_text(std::uint32_t ifindex)
{
    return [ifindex] { return fmt::format("ifindex {}", ifindex); };
}

} // namespace

void TxPortWriter::add(std::uint32_t ifindex) const
{
    if (ifindex == 0)
        throw DataplaneError::invalid(fmt::format("update {}", map_.name()), "ifindex 0");
    map_.update(&ifindex, &ifindex, BPF_ANY, ifindex_text(ifindex));
}

bool TxPortWriter::remove(std::uint32_t ifindex) const
{
    return map_.remove(&ifindex, ifindex_text(ifindex));
}

std::set<std::uint32_t> TxPortWriter::list() const
{
    const auto keys = map_.keys<std::uint32_t>();
    return {keys.begin(), keys.end()};
}

void TxPortWriter::replace_all(const std::set<std::uint32_t>& ifindexes) const
{
    if (ifindexes.size() > SHOAL_MAX_TX_PORTS)
        throw DataplaneError::invalid(fmt::format("update {}", map_.name()),
                                      fmt::format("{} interfaces, at most {}", ifindexes.size(),
                                                  SHOAL_MAX_TX_PORTS));
    for (std::uint32_t ifindex : list())
        if (!ifindexes.contains(ifindex))
            remove(ifindex);
    for (std::uint32_t ifindex : ifindexes)
        add(ifindex);
}

} // namespace shoal
