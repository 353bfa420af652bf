// SPDX-License-Identifier: MIT
#include "table/table_types.h"

#include "base/enum_names.h"

namespace shoal::table {

namespace {
constexpr EnumNames<ServerState, 3> kStateNames{{{ServerState::active, "active"},
                                                 {ServerState::draining, "draining"},
                                                 {ServerState::down, "down"}}};
}  // namespace

std::string_view to_string(ServerState state) { return name_of(kStateNames, state, "invalid"); }

ServerState server_state_from_string(std::string_view text) {
    if (auto state = value_of(kStateNames, text)) return *state;
    throw TableError("unknown server state \"" + std::string(text) + "\" (expected " +
                     names_list(kStateNames) + ")");
}

}  // namespace shoal::table
