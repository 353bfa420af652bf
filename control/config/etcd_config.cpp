// SPDX-License-Identifier: MIT
#include "config/etcd_config.h"

#include <fmt/format.h>

#include "base/ip_address.h"

namespace shoal::config {

std::string EtcdEndpoint::url() const {
    return fmt::format("{}://{}", tls ? "https" : "http", endpoint_text(host, port));
}

std::optional<EtcdEndpoint> parse_etcd_endpoint(std::string_view url) {
    EtcdEndpoint endpoint;
    if (url.starts_with("http://")) {
        url.remove_prefix(7);
    } else if (url.starts_with("https://")) {
        endpoint.tls = true;
        url.remove_prefix(8);
    } else {
        return std::nullopt;
    }
    auto host_port = parse_host_port(url);
    if (!host_port || host_port->host.find_first_of("/?#@[] ") != std::string::npos)
        return std::nullopt;
    endpoint.host = std::move(host_port->host);
    endpoint.port = host_port->port;
    return endpoint;
}

}  // namespace shoal::config
