// SPDX-License-Identifier: MIT
// The operator state on disk, so a conductor restart remembers drains and manual weights.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/fleet_config.h"
#include "state/operator_state.h"

namespace shoal::state {

struct LoadedState {
    OperatorState state;
    bool existed = false;               // false: no file yet, the state is empty
    std::vector<std::string> warnings;  // e.g. names the fleet does not have (kept anyway)
};

class StateFile {
  public:
    explicit StateFile(std::filesystem::path path) : path_(std::move(path)) {}

    // A missing file is an empty state. An unreadable or invalid file throws StateError
    // naming the file and the field: the caller must not start with drains forgotten.
    // Temp files left by a write that crashed are ignored (and removed).
    LoadedState load() const;
    // Also warns about names that are not servers of `fleet`.
    LoadedState load(const config::FleetConfig& fleet) const;

    // Atomic and durable: write temp, fsync, rename, fsync the directory. Throws StateError.
    void save(const OperatorState& state) const;

    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace shoal::state
