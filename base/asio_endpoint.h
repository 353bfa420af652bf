// SPDX-License-Identifier: MIT
// The bridge between base/ip_address.h and Boost.Asio, for the code that opens sockets (the
// HTTP server, health checks, the etcd client, the lab tools). Header-only: only the
// translation units that already include Asio pay for it.
#pragma once

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <string>

#include "base/ip_address.h"

namespace shoal {

inline boost::asio::ip::address to_asio(const IpAddress& address) {
    if (address.is_v4()) {
        boost::asio::ip::address_v4::bytes_type b;
        std::copy_n(address.bytes.begin(), 4, b.begin());
        return boost::asio::ip::address_v4(b);
    }
    boost::asio::ip::address_v6::bytes_type b;
    std::copy_n(address.bytes.begin(), 16, b.begin());
    return boost::asio::ip::address_v6(b);
}

inline IpAddress from_asio(const boost::asio::ip::address& address) {
    IpAddress out;
    if (address.is_v4()) {
        const auto b = address.to_v4().to_bytes();
        std::copy(b.begin(), b.end(), out.bytes.begin());
        out.family = SHOAL_FAMILY_IPV4;
    } else {
        const auto b = address.to_v6().to_bytes();
        std::copy(b.begin(), b.end(), out.bytes.begin());
        out.family = SHOAL_FAMILY_IPV6;
    }
    return out;
}

inline boost::asio::ip::tcp::endpoint to_tcp(const Endpoint& endpoint) {
    return {to_asio(endpoint.address), endpoint.port};
}

inline boost::asio::ip::udp::endpoint to_udp(const Endpoint& endpoint) {
    return {to_asio(endpoint.address), endpoint.port};
}

// "127.0.0.1:9469", "[::1]:9469": what every message and log line shows for a socket.
template <class Protocol>
std::string to_string(const boost::asio::ip::basic_endpoint<Protocol>& endpoint) {
    return endpoint_text(endpoint.address().to_string(), endpoint.port());
}

}  // namespace shoal
