// SPDX-License-Identifier: MIT
#include "metrics/listen_address.h"

#include <fmt/format.h>

#include <charconv>

#include "metrics/metrics_error.h"

namespace shoal::metrics {
namespace {

[[noreturn]] void fail(std::string_view text, std::string_view why) {
    throw MetricsError(
        fmt::format("listen address \"{}\": {} (expected IPv4:PORT or "
                    "[IPv6]:PORT, e.g. {})",
                    text, why, kDefaultListenAddress));
}

}  // namespace

boost::asio::ip::tcp::endpoint parse_listen_address(std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) fail(text, "no port");
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);

    if (!host.empty() && host.front() == '[') {
        if (host.back() != ']') fail(text, "IPv6 address without closing ']'");
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        fail(text, "IPv6 address must be in brackets");
    }

    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
        port > 65535)
        fail(text, fmt::format("port \"{}\" is not a number 0..65535", port_text));

    boost::system::error_code parse_error;
    const auto address = boost::asio::ip::make_address(std::string(host), parse_error);
    if (parse_error) fail(text, fmt::format("\"{}\" is not an IP address", host));
    return {address, static_cast<unsigned short>(port)};
}

std::string format_endpoint(const boost::asio::ip::tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), endpoint.port());
    return fmt::format("{}:{}", address.to_string(), endpoint.port());
}

}  // namespace shoal::metrics
