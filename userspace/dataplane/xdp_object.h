// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "dataplane/pin_paths.h"

struct bpf_object;
struct shoal_xdp;

namespace shoal {

// One instance of the shoal_xdp skeleton whose maps are bound to their pins: when it is
// loaded (by load(), or by libxdp when attaching), libbpf reuses every compatible map already
// pinned under the directory and creates and pins the missing ones. So any number of program
// instances share one set of maps, which outlive them all.
class XdpObject {
  public:
    explicit XdpObject(const PinPaths& pins);
    ~XdpObject();
    XdpObject(const XdpObject&) = delete;
    XdpObject& operator=(const XdpObject&) = delete;

    // Runs the verifier and creates or reuses the pinned maps.
    void load();
    bool loaded() const noexcept { return loaded_; }

    bpf_object* object() const noexcept;
    int program_fd() const;  // after loading
    const PinPaths& pins() const noexcept { return pins_; }

    static constexpr const char* kProgramName = "shoal_xdp";

  private:
    PinPaths pins_;
    shoal_xdp* skeleton_ = nullptr;
    bool loaded_ = false;
};

}  // namespace shoal
