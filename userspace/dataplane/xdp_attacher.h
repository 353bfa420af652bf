// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dataplane/pin_paths.h"

namespace shoal {

enum class XdpMode { native, skb };
std::string_view xdp_mode_name(XdpMode mode);

struct AttachOptions {
    XdpMode mode = XdpMode::native;
    // When native mode fails, attach in skb (generic) mode and say so in the result.
    bool skb_fallback = true;
};

// How shoal_xdp ended up on an interface.
struct AttachResult {
    std::string ifname;
    int ifindex = 0;
    XdpMode mode = XdpMode::native;  // the mode actually in use
    bool dispatcher = false;         // through libxdp's dispatcher (other XDP programs can share)
    bool fell_back_to_skb = false;   // native was asked for and failed
    std::uint32_t program_id = 0;
    std::string message;  // one line for the operator, also logged
};

// Attaches shoal_xdp to interfaces of the calling thread's network namespace through libxdp.
// libxdp first builds its multi-program dispatcher; where the kernel refuses that (no BPF
// trampolines), it attaches the program alone: the result says which happened. Each attach
// loads a fresh program instance from the skeleton (libxdp must load it itself to give it to
// the dispatcher), bound to the maps pinned under the directory, and pins it as
// <dir>/shoal_xdp_prog. Attachments outlive the process: detach explicitly.
class XdpAttacher {
  public:
    explicit XdpAttacher(PinPaths pins) : pins_(std::move(pins)) {}

    // Throws DataplaneError if shoal_xdp is already attached there, or if neither the
    // requested mode nor (when allowed) the skb fallback attaches.
    AttachResult attach(const std::string& ifname, const AttachOptions& options = {}) const;
    // false when no shoal_xdp program was attached to the interface.
    bool detach(const std::string& ifname) const;
    // shoal_xdp's attachment to the interface, if any.
    std::optional<AttachResult> query(const std::string& ifname) const;

  private:
    // Returns 0 or a negative errno.
    int attach_fresh_program(int ifindex, XdpMode mode) const;

    PinPaths pins_;
};

}  // namespace shoal
