// SPDX-License-Identifier: MIT
#pragma once
// Host CPU utilisation from /proc/stat: the busy share of all CPUs between two samples.

#include <cstdint>
#include <filesystem>
#include <optional>

namespace shoal::agent {

class CpuLoad {
public:
    explicit CpuLoad(std::filesystem::path proc_stat = "/proc/stat");

    // Busy fraction (0..1) since the previous call; nullopt on the first call, or when the
    // file could not be read or went backwards (never a made-up zero).
    std::optional<double> sample();

private:
    struct Ticks {
        std::uint64_t busy = 0;
        std::uint64_t total = 0;
    };
    std::optional<Ticks> read() const;

    std::filesystem::path path_;
    std::optional<Ticks> last_;
};

}  // namespace shoal::agent
