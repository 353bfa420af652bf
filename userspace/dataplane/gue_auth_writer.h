// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "dataplane/bpf_map.h"
#include "dataplane/map_entries.h"

namespace shoal {

// shoal_gue_auth: the mode and keys of GUE authentication, one entry. A write replaces mode
// and keys together (the map swaps the whole element), so a packet never sees a key half
// written; no entry reads as mode off.
class GueAuthWriter {
  public:
    explicit GueAuthWriter(const BpfMap& gue_auth) : map_(gue_auth) {}

    void write(const GueAuthSettings& settings) const;
    std::optional<GueAuthSettings> read() const;  // nullopt: no entry
    void clear() const;                           // back to no entry (mode off)

  private:
    const BpfMap& map_;
};

}  // namespace shoal
