// SPDX-License-Identifier: MIT
// "198.18.100.1:7000" and "[2001:db8:100::1]:7000": the endpoints the lab tools take and print.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/asio.h"

namespace shoal::tools {

struct EndpointText {
    asio::ip::address address;
    std::uint16_t port = 0;

    asio::ip::tcp::endpoint tcp() const { return {address, port}; }
    asio::ip::udp::endpoint udp() const { return {address, port}; }
    std::string to_string() const;
};

// Throws std::invalid_argument naming the text and what is wrong with it.
EndpointText parse_endpoint(std::string_view text);

std::string to_string(const asio::ip::tcp::endpoint& endpoint);
std::string to_string(const asio::ip::udp::endpoint& endpoint);

}  // namespace shoal::tools
