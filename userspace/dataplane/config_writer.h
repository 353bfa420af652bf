// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

#include "dataplane/bpf_map.h"
#include "dataplane/map_entries.h"

namespace shoal {

// The single shoal_config entry: this server's identity and the fleet's hash key.
class ConfigWriter {
  public:
    explicit ConfigWriter(const BpfMap& config) : map_(config) {}

    void write(const DataplaneConfig& config) const;
    DataplaneConfig read() const;
    // Changes only the SipHash key (the fleet rotates it; every table stays valid).
    void set_hash_key(const std::array<std::uint64_t, 2>& key) const;

  private:
    const BpfMap& map_;
};

}  // namespace shoal
