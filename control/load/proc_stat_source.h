// SPDX-License-Identifier: MIT
// Host CPU utilisation from /proc/stat's "cpu" line: the busy share of all CPUs' time
// between two samples (the production default).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "load/load_source.h"

namespace shoal::load {

struct CpuTicks {
    std::uint64_t busy = 0;
    std::uint64_t total = 0;
};

// The aggregate "cpu " line of /proc/stat's text, or why it cannot be read.
std::optional<CpuTicks> parse_proc_stat(std::string_view text, std::string& error);

class ProcStatSource final : public LoadSource {
  public:
    explicit ProcStatSource(std::filesystem::path path = "/proc/stat") : path_(std::move(path)) {}
    LoadSample sample() override;
    std::string describe() const override { return "proc_stat " + path_.string(); }

  private:
    std::filesystem::path path_;
    std::optional<CpuTicks> last_;
};

}  // namespace shoal::load
