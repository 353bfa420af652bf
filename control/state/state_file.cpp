// SPDX-License-Identifier: MIT
#include "state/state_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <system_error>

#include "config/json_text.h"
#include "state/atomic_file.h"
#include "state/operator_state.h"

namespace shoal::state {

LoadedState StateFile::load() const {
    LoadedState loaded;
    std::string text;
    try {
        remove_stale_temp_files(path_.parent_path(), path_.filename().string());
        text = read_whole_file(path_);
    } catch (const std::system_error& e) {
        if (e.code() == std::errc::no_such_file_or_directory) return loaded;
        throw StateError(fmt::format("cannot read the operator state: {}", e.what()));
    }
    config::ErrorList errors(path_.string());
    const auto value = config::parse_json_text(text, errors);
    if (!value) throw StateError(errors.joined());
    loaded.state = OperatorState::from_json(*value, path_.string());
    loaded.existed = true;
    return loaded;
}

LoadedState StateFile::load(const config::FleetConfig& fleet) const {
    auto loaded = load();
    for (const auto& name : loaded.state.unknown_servers(fleet))
        loaded.warnings.push_back(
            fmt::format("{}: server \"{}\" is not in the fleet config; its drain or weight "
                        "is kept and applies if it comes back",
                        path_.string(), name));
    return loaded;
}

void StateFile::save(const OperatorState& state) const {
    try {
        write_file_atomically(path_, state.to_json().dump(2) + "\n", 0640);
    } catch (const std::system_error& e) {
        throw StateError(fmt::format("cannot save the operator state: {}", e.what()));
    }
}

}  // namespace shoal::state
