// SPDX-License-Identifier: MIT
#include "common/endpoint_text.h"

#include <charconv>
#include <stdexcept>

namespace shoal::tools {
namespace {

std::string format(const asio::ip::address& address, std::uint16_t port) {
    if (address.is_v6()) return "[" + address.to_string() + "]:" + std::to_string(port);
    return address.to_string() + ":" + std::to_string(port);
}

}  // namespace

std::string EndpointText::to_string() const { return format(address, port); }

std::string to_string(const asio::ip::tcp::endpoint& endpoint) {
    return format(endpoint.address(), endpoint.port());
}

std::string to_string(const asio::ip::udp::endpoint& endpoint) {
    return format(endpoint.address(), endpoint.port());
}

EndpointText parse_endpoint(std::string_view text) {
    const auto fail = [&](const char* why) {
        return std::invalid_argument("endpoint '" + std::string(text) + "': " + why +
                                     " (expected ADDR:PORT or [IPV6]:PORT)");
    };
    std::string_view host;
    std::string_view port_text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            throw fail("unterminated '[' or no ':PORT' after ']'");
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos) throw fail("no ':PORT'");
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) throw fail("IPv6 addresses need brackets");
    }
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535)
        throw fail("port is not a number in 1..65535");
    boost::system::error_code parse_error;
    const auto address = asio::ip::make_address(std::string(host), parse_error);
    if (parse_error) throw fail("not an IP address");
    return EndpointText{address, static_cast<std::uint16_t>(port)};
}

}  // namespace shoal::tools
