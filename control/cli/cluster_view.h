// SPDX-License-Identifier: MIT
// The cluster lines of `shoalctl status` (cluster mode, the etcd store): which conductor
// leads, whether this shoald reaches etcd, and etcd as each agent last reported it. Empty for
// a single-machine setup with the file store.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

// From GET /v1/status's "cluster" and "store" (docs/api.md).
std::string cluster_lines(const nlohmann::json& status);

}  // namespace shoal::cli
