// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "dataplane/bpf_map.h"
#include "dataplane/map_entries.h"

namespace shoal {

// shoal_servers: server index -> DIPs. An entry with no DIP (flags 0) is an unused index.
// Set a server before publishing a table that names it; clear it only after no table does
// (a packet hashed to a bucket of a cleared server counts DROP_NO_SERVER).
class ServerWriter {
  public:
    explicit ServerWriter(const BpfMap& servers) : map_(servers) {}

    void set(std::uint32_t index, const ServerDips& dips) const;
    void clear(std::uint32_t index) const;
    std::optional<ServerDips> get(std::uint32_t index) const;
    // Makes the map hold exactly these servers: sets them, clears every other index.
    void replace_all(const std::map<std::uint32_t, ServerDips>& servers) const;
    // configured()[i] is true when index i has a DIP (one read of the whole array).
    std::vector<bool> configured() const;

  private:
    void check_index(std::uint32_t index, const char* operation) const;

    const BpfMap& map_;
};

}  // namespace shoal
