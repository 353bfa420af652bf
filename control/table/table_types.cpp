// SPDX-License-Identifier: MIT
#include "table/table_types.h"

namespace shoal::table {

std::string_view to_string(ServerState state) {
    switch (state) {
        case ServerState::active:
            return "active";
        case ServerState::draining:
            return "draining";
        case ServerState::down:
            return "down";
    }
    return "invalid";
}

ServerState server_state_from_string(std::string_view text) {
    if (text == "active") return ServerState::active;
    if (text == "draining") return ServerState::draining;
    if (text == "down") return ServerState::down;
    throw TableError("unknown server state \"" + std::string(text) +
                     "\" (expected active, draining or down)");
}

}  // namespace shoal::table
