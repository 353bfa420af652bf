// SPDX-License-Identifier: MIT
// One operator change to a service's servers, as the planner and the CLI name them.
#pragma once

#include <span>
#include <string>
#include <variant>
#include <vector>

#include "table/table_types.h"

namespace shoal::table {

struct DrainServer {
    ServerIndex index = 0;
};
struct UndrainServer {
    ServerIndex index = 0;
};  // back to active, also from down
struct MarkServerDown {
    ServerIndex index = 0;
};
struct SetServerWeight {
    ServerIndex index = 0;
    std::uint32_t weight = 0;
};
struct AddServer {
    Server server;
};
struct RemoveServer {
    ServerIndex index = 0;
};

using ServerChange = std::variant<DrainServer, UndrainServer, MarkServerDown, SetServerWeight,
                                  AddServer, RemoveServer>;

std::string describe(const ServerChange& change);

// The server list after the change. Throws TableError for an unknown index, or when
// adding an index that is already present.
std::vector<Server> apply_change(std::span<const Server> servers, const ServerChange& change);

}  // namespace shoal::table
