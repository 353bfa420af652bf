// SPDX-License-Identifier: MIT
// A valid config document that each error test breaks in one place.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config_loader.h"

namespace shoal::test {

inline nlohmann::json valid_config() {
    return nlohmann::json::parse(R"({
      "fleet": {
        "hash_key": "000102030405060708090a0b0c0d0e0f",
        "servers": [
          {"name": "srv1", "index": 0, "dip4": "198.18.1.1", "dip6": "2001:db8:1::1"},
          {"name": "srv2", "index": 1, "dip4": "198.18.1.2", "dip6": "2001:db8:1::2", "weight": 50},
          {"name": "srv3", "index": 7, "dip4": "198.18.1.3"}
        ],
        "services": [
          {"name": "web", "id": 0, "vips": ["198.18.100.1", "2001:db8:100::1"], "protocol": "tcp",
           "ports": [80, 443], "pool": ["srv1", "srv2"],
           "health_check": {"type": "http", "port": 80, "path": "/healthz"}},
          {"name": "dns", "id": 3, "vips": ["198.18.100.53"], "protocol": "udp", "ports": [0],
           "hash": "src_addr", "pool": ["srv1", "srv2", "srv3"]}
        ]
      },
      "agent": {"server": "srv1", "interfaces": ["eth0"]},
      "conductor": {}
    })");
}

// The messages parse_config reports for the text of a config file; empty when it is valid.
inline std::vector<std::string> config_errors(const std::string& text, const std::string& file) {
    try {
        config::parse_config(text, file);
        return {};
    } catch (const config::ConfigError& e) {
        return e.errors();
    }
}

// The messages parse_config reports for `document`; empty when it is valid.
inline std::vector<std::string> config_errors(const nlohmann::json& document) {
    return config_errors(document.dump(), "shoal.json");
}

}  // namespace shoal::test
