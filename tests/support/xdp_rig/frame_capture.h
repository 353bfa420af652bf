// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/unique_fd.h"
#include "netns/netns.h"
#include "packet/packet_layers.h"

namespace shoal::test {

// An AF_PACKET socket on one interface of a namespace: sends raw frames out of it and
// receives every frame that arrives on it (not the ones it sends).
class FrameCapture {
  public:
    FrameCapture(const Netns& ns, const std::string& ifname);

    void send(const Bytes& frame) const;
    // Throws away what has arrived so far.
    void drain() const;
    // The first arriving frame for which match() holds, or nullopt at the deadline.
    std::optional<Bytes> wait_for(const std::function<bool(const Bytes&)>& match,
                                  std::chrono::milliseconds timeout) const;

    const std::string& ifname() const noexcept { return ifname_; }

  private:
    std::optional<Bytes> receive_one() const;  // nullopt when nothing is queued

    std::string ifname_;
    int ifindex_ = 0;
    UniqueFd fd_;
};

}  // namespace shoal::test
