// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace shoal {

inline constexpr std::string_view kDefaultPinDir = "/sys/fs/bpf/shoal";
inline constexpr std::string_view kProgramPinName = "shoal_xdp_prog";

// Where a data plane's maps and program live on a bpffs: <dir>/<map name> (the names of
// shoal_abi.h) and <dir>/shoal_xdp_prog (the program last attached).
class PinPaths {
  public:
    explicit PinPaths(std::string dir = std::string(kDefaultPinDir));

    const std::string& dir() const noexcept { return dir_; }
    std::string map(std::string_view map_name) const;
    std::string program() const;

    // Creates the directory (and parents) if missing; throws DataplaneError unless it is on
    // a bpffs, so nothing is ever "pinned" into a plain directory.
    void prepare() const;
    bool exists(const std::string& path) const;
    // Removes the program pin and every map pin (the kernel frees what nothing else holds).
    void remove_all() const;

  private:
    std::string dir_;
};

}  // namespace shoal
