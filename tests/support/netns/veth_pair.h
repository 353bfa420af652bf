// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "netns/netns.h"

namespace shoal::test {

// A veth pair between two namespaces (or within one), both ends up. Deleted by the
// destructor unless SHOAL_KEEP_NETNS=1; deleting a namespace deletes its ends too.
// Declare it after the Netns objects it joins, so it goes first.
class VethPair {
  public:
    VethPair(const Netns& ns_a, std::string name_a, const Netns& ns_b, std::string name_b);
    ~VethPair();
    VethPair(const VethPair&) = delete;
    VethPair& operator=(const VethPair&) = delete;

    const std::string& name_a() const noexcept { return name_a_; }
    const std::string& name_b() const noexcept { return name_b_; }

  private:
    const Netns& ns_a_;
    std::string name_a_;
    std::string name_b_;
};

}  // namespace shoal::test
