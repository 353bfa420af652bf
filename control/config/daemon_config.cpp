// SPDX-License-Identifier: MIT
#include "config/daemon_config.h"

namespace shoal::config {

std::string_view to_string(StoreType type) { return type == StoreType::etcd ? "etcd" : "file"; }

std::string_view to_string(XdpMode mode) { return mode == XdpMode::skb ? "skb" : "native"; }

std::string_view to_string(GueAuthMode mode) {
    switch (mode) {
        case GueAuthMode::permissive:
            return "permissive";
        case GueAuthMode::enforce:
            return "enforce";
        case GueAuthMode::off:
            break;
    }
    return "off";
}

const ServerConfig* DaemonConfig::own_server() const noexcept {
    return agent ? fleet.find_server(agent->server) : nullptr;
}

}  // namespace shoal::config
