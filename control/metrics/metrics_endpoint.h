// SPDX-License-Identifier: MIT
// The Prometheus exposition as a route of shoald's one HTTP server (api/api_server.h):
// GET /metrics runs the registry's collectors and answers the text format 0.0.4, or 500 with
// the collector's message. The daemon serves it on its own address (metrics.listen) with
// ApiServer::serve_tcp, so the control routes are not reachable there.
#pragma once

#include "api/router.h"
#include "metrics/registry.h"

namespace shoal::metrics {

// A router with the one route GET /metrics; `registry` must outlive it.
api::Router metrics_router(Registry& registry);

}  // namespace shoal::metrics
