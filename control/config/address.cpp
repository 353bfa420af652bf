// SPDX-License-Identifier: MIT
#include "config/address.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <charconv>

namespace shoal::config {

bool Address::is_unicast() const noexcept {
    if (is_v4()) {
        const bool unspecified = bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
        const bool broadcast =
            bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255;
        const bool multicast = (bytes[0] & 0xF0) == 0xE0;
        return !unspecified && !broadcast && !multicast;
    }
    bool unspecified = true;
    for (auto b : bytes) unspecified = unspecified && b == 0;
    return !unspecified && bytes[0] != 0xFF;
}

std::string Address::to_string() const {
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(is_v4() ? AF_INET : AF_INET6, bytes.data(), text, sizeof text);
    return text;
}

std::optional<Address> parse_ipv4(std::string_view text) {
    const std::string s(text);
    Address address;
    if (::inet_pton(AF_INET, s.c_str(), address.bytes.data()) != 1) return std::nullopt;
    address.family = SHOAL_FAMILY_IPV4;
    return address;
}

std::optional<Address> parse_ipv6(std::string_view text) {
    const std::string s(text);
    Address address;
    if (::inet_pton(AF_INET6, s.c_str(), address.bytes.data()) != 1) return std::nullopt;
    address.family = SHOAL_FAMILY_IPV6;
    return address;
}

std::optional<Address> parse_address(std::string_view text) {
    if (auto v4 = parse_ipv4(text)) return v4;
    return parse_ipv6(text);
}

std::string Endpoint::to_string() const {
    if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), port);
    return fmt::format("{}:{}", address.to_string(), port);
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    std::optional<Address> address;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        address = parse_ipv6(host.substr(1, host.size() - 2));
    else
        address = parse_ipv4(host);
    if (!address) return std::nullopt;
    const auto port = parse_port(port_text);
    if (!port) return std::nullopt;
    return Endpoint{*address, *port};
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(port);
}

}  // namespace shoal::config
