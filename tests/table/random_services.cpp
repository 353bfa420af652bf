// SPDX-License-Identifier: MIT
#include "random_services.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace shoal::table::test {

std::uint64_t RandomServices::uniform(std::uint64_t low, std::uint64_t high) {
    return std::uniform_int_distribution<std::uint64_t>(low, high)(rng_);
}

bool RandomServices::chance(double p) {
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < p;
}

std::uint32_t RandomServices::table_size(unsigned min_bits, unsigned max_bits) {
    return 1u << unsigned(uniform(min_bits, max_bits));
}

std::uint32_t RandomServices::server_count(std::uint32_t max) {
    const double x = std::uniform_real_distribution<double>(0.0, std::log(double(max) + 1))(rng_);
    return std::clamp<std::uint32_t>(std::uint32_t(std::exp(x)), 1, max);
}

std::uint32_t RandomServices::weight() { return chance(0.1) ? 0 : std::uint32_t(uniform(1, 1000)); }

ServerState RandomServices::state() {
    const auto roll = uniform(0, 99);
    if (roll < 85) return ServerState::active;
    return roll < 95 ? ServerState::draining : ServerState::down;
}

std::vector<Server> RandomServices::servers(std::uint32_t count, bool allow_zero_total) {
    std::vector<Server> out;
    out.reserve(count);
    ServerIndex index = ServerIndex(uniform(0, 50));
    for (std::uint32_t i = 0; i < count; ++i) {
        out.push_back({index, "s" + std::to_string(index), weight(), state()});
        index += ServerIndex(uniform(1, 3));
    }
    const bool any = std::any_of(out.begin(), out.end(), [](const Server& s) {
        return s.state == ServerState::active && s.weight > 0;
    });
    if (!any && !allow_zero_total) {
        Server& s = out[uniform(0, count - 1)];
        s.state = ServerState::active;
        s.weight = std::uint32_t(uniform(1, 1000));
    }
    std::shuffle(out.begin(), out.end(), rng_);  // the builder must not care about order
    return out;
}

Server RandomServices::new_server(const std::vector<Server>& existing) {
    ServerIndex highest = 0;
    for (const Server& s : existing) highest = std::max(highest, s.index);
    const ServerIndex index = highest + ServerIndex(uniform(1, 5));
    return {index, "s" + std::to_string(index), std::uint32_t(uniform(1, 1000)),
            ServerState::active};
}

ServerChange RandomServices::change(const std::vector<Server>& servers) {
    const ServerIndex some = servers[uniform(0, servers.size() - 1)].index;
    switch (uniform(0, 9)) {
        case 0:
        case 1:
            return DrainServer{some};
        case 2:
        case 3:
            return UndrainServer{some};
        case 4:
            return MarkServerDown{some};
        case 5:
        case 6:
            return SetServerWeight{some, weight()};
        case 7:
        case 8:
            return AddServer{new_server(servers)};
        default:
            if (servers.size() > 1) return RemoveServer{some};
            return AddServer{new_server(servers)};
    }
}

}  // namespace shoal::table::test
