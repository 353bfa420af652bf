// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "netns/netns.h"

struct shoal_noop;

namespace shoal::test {

// bpf/shoal_noop.bpf.c loaded into the kernel: the baseline the benchmark times, and the
// program that makes a veth end accept XDP frames (veth delivers a frame sent with XDP_TX or
// XDP_REDIRECT only to a peer that has an XDP program).
class NoopProgram {
  public:
    NoopProgram();
    ~NoopProgram();
    NoopProgram(const NoopProgram&) = delete;
    NoopProgram& operator=(const NoopProgram&) = delete;

    int fd() const;
    // Attaches in native mode to an interface of ns; it stays until the interface goes.
    void attach(const Netns& ns, const std::string& ifname) const;

  private:
    shoal_noop* skeleton_ = nullptr;
};

}  // namespace shoal::test
