// SPDX-License-Identifier: MIT
// "HOST:PORT" text of a TCP listen address: "127.0.0.1:9469", "[::1]:9469", "0.0.0.0:9469".
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>

namespace shoal::metrics {

// Loopback only unless configured: metrics are not for the world.
inline constexpr std::string_view kDefaultListenAddress = "127.0.0.1:9469";

// Throws MetricsError naming the text and what was expected. Port 0 picks a free port.
boost::asio::ip::tcp::endpoint parse_listen_address(std::string_view text);

// The same text back ("[::1]:9469" with brackets for IPv6).
std::string format_endpoint(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace shoal::metrics
