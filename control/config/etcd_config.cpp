// SPDX-License-Identifier: MIT
#include "config/etcd_config.h"

#include "config/address.h"

#include <fmt/format.h>

#include <charconv>

namespace shoal::config {

std::string EtcdEndpoint::url() const {
    const bool v6 = host.find(':') != std::string::npos;
    return fmt::format("{}://{}{}{}:{}", tls ? "https" : "http", v6 ? "[" : "", host, v6 ? "]" : "",
                       port);
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
    std::string_view port_text;
    if (url.starts_with('[')) {
        const auto close = url.find(']');
        if (close == std::string_view::npos || close + 1 >= url.size() || url[close + 1] != ':')
            return std::nullopt;
        endpoint.host = std::string(url.substr(1, close - 1));
        port_text = url.substr(close + 2);
    } else {
        const auto colon = url.rfind(':');
        if (colon == std::string_view::npos) return std::nullopt;
        endpoint.host = std::string(url.substr(0, colon));
        port_text = url.substr(colon + 1);
        if (endpoint.host.find(':') != std::string::npos) return std::nullopt;
    }
    if (endpoint.host.empty() || endpoint.host.find_first_of("/?#@ ") != std::string::npos)
        return std::nullopt;
    const auto port = parse_port(port_text);
    if (!port) return std::nullopt;
    endpoint.port = *port;
    return endpoint;
}

}  // namespace shoal::config
