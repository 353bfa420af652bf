// SPDX-License-Identifier: MIT
// What the API machinery reports (listening, replaced stale socket, failed handlers, broken
// connections), through a callback the daemon can inject. The default writes key=value lines
// through shoal_log's process-wide logger.
#pragma once

#include <functional>
#include <string>

namespace shoal::api {

enum class ApiLogLevel { debug, info, warn, error };

struct ApiLogEvent {
    ApiLogLevel level = ApiLogLevel::info;
    std::string event;    // "api_listening", "api_handler_failed", ...
    std::string address;  // the socket path or TCP address concerned, when any
    std::string method;   // the request's, for events about one request
    std::string target;
    unsigned status = 0;  // the status answered, 0 when none
    std::string error;
};

using ApiLog = std::function<void(const ApiLogEvent&)>;

// Writes "level=error event=api_handler_failed method=GET target=/v1/status status=500
// error=..." (request events) or "level=info event=api_listening address=/run/shoal/shoald.sock".
ApiLog default_api_log();

}  // namespace shoal::api
