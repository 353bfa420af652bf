// SPDX-License-Identifier: MIT
#include "metrics/metrics_endpoint.h"

#include "log/logger.h"
#include "metrics/metric_family.h"

namespace shoal::metrics {

api::Router metrics_router(Registry& registry) {
    api::Router router;
    router.get("/metrics", [&registry](const api::Request&) {
        namespace http = boost::beast::http;
        try {
            return api::text_response(http::status::ok, registry.scrape(), kExpositionContentType);
        } catch (const std::exception& e) {
            log::error("metrics_scrape_failed", {{"error", e.what()}});
            return api::text_response(http::status::internal_server_error,
                                      std::string("scrape failed: ") + e.what() + "\n");
        }
    });
    return router;
}

}  // namespace shoal::metrics
