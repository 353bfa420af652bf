// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "base/ip_address.h"
#include "dataplane/bpf_map.h"

namespace shoal {

// shoal_members: the outer source addresses (DIPs) of fleet members -> server index. GUE
// from any other source is dropped.
class MemberWriter {
  public:
    explicit MemberWriter(const BpfMap& members) : map_(members) {}

    void set(const IpAddress& source, std::uint32_t server_index) const;
    bool remove(const IpAddress& source) const;  // false if it was not a member
    std::optional<std::uint32_t> get(const IpAddress& source) const;
    std::map<IpAddress, std::uint32_t> list() const;
    // Makes the map hold exactly these members.
    void replace_all(const std::map<IpAddress, std::uint32_t>& members) const;

  private:
    const BpfMap& map_;
};

}  // namespace shoal
