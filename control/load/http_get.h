// SPDX-License-Identifier: MIT
// A plain HTTP/1.0 GET with one deadline for the whole exchange, enough to scrape a
// Prometheus text endpoint (node_exporter) on the server itself. No TLS, no redirects.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace shoal::load {

struct HttpBody {
    std::string body;
    std::string error;  // empty on a 200 answer
};

// `url` is http://HOST[:PORT][/PATH] with HOST an IPv4 address, [IPv6] or a name.
HttpBody http_get(std::string_view url, std::chrono::milliseconds timeout);

}  // namespace shoal::load
