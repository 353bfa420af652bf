// SPDX-License-Identifier: MIT
#include "api/api_log.h"

#include "log/logger.h"

namespace shoal::api {

namespace {

log::Level to_log_level(ApiLogLevel level) {
    switch (level) {
        case ApiLogLevel::debug:
            return log::Level::debug;
        case ApiLogLevel::info:
            return log::Level::info;
        case ApiLogLevel::warn:
            return log::Level::warn;
        case ApiLogLevel::error:
            return log::Level::error;
    }
    return log::Level::error;
}

}  // namespace

ApiLog default_api_log() {
    return [](const ApiLogEvent& e) {
        auto& logger = log::default_logger();
        const auto level = to_log_level(e.level);
        if (!e.method.empty()) {
            logger.write(level, e.event,
                         {{"method", e.method},
                          {"target", e.target},
                          {"status", e.status},
                          {"error", e.error}});
        } else if (!e.error.empty()) {
            logger.write(level, e.event, {{"address", e.address}, {"error", e.error}});
        } else {
            logger.write(level, e.event, {{"address", e.address}});
        }
    };
}

}  // namespace shoal::api
