// SPDX-License-Identifier: MIT
#include "base/ip_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace shoal {

namespace {

std::optional<IpAddress> parse_family(std::string_view text, int af, std::uint8_t family) {
    const std::string s(text);
    IpAddress address;
    if (::inet_pton(af, s.c_str(), address.bytes.data()) != 1) return std::nullopt;
    address.family = family;
    return address;
}

}  // namespace

IpAddress IpAddress::parse(std::string_view text) {
    if (auto address = parse_ip(text)) return *address;
    throw std::invalid_argument("IP address '" + std::string(text) + "': not IPv4 or IPv6");
}

IpAddress IpAddress::from_abi(const std::uint8_t (&addr)[16], std::uint8_t family) {
    if (family != SHOAL_FAMILY_IPV4 && family != SHOAL_FAMILY_IPV6)
        throw std::invalid_argument("IP address of unknown family " + std::to_string(family));
    IpAddress a;
    a.family = family;
    std::memcpy(a.bytes.data(), addr, family == SHOAL_FAMILY_IPV4 ? 4 : 16);
    return a;
}

IpAddress IpAddress::from_be32(std::uint32_t addr_be) {
    IpAddress a;
    a.family = SHOAL_FAMILY_IPV4;
    std::memcpy(a.bytes.data(), &addr_be, 4);
    return a;
}

bool IpAddress::is_unspecified() const noexcept {
    const std::size_t size = is_v4() ? 4 : 16;
    for (std::size_t i = 0; i < size; ++i)
        if (bytes[i] != 0) return false;
    return true;
}

bool IpAddress::is_unicast() const noexcept {
    if (is_unspecified()) return false;
    if (is_v4()) {
        const bool broadcast =
            bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255;
        const bool multicast = (bytes[0] & 0xF0) == 0xE0;
        return !broadcast && !multicast;
    }
    return bytes[0] != 0xFF;
}

std::uint32_t IpAddress::to_be32() const {
    if (!is_v4()) throw std::invalid_argument("IP address " + to_string() + " is not IPv4");
    std::uint32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return v;
}

void IpAddress::copy_to(std::uint8_t (&addr)[16]) const noexcept {
    std::memset(addr, 0, 16);
    std::memcpy(addr, bytes.data(), is_v4() ? 4 : 16);
}

std::string IpAddress::to_string() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (is_v4())
        ::inet_ntop(AF_INET, bytes.data(), text, sizeof text);
    else if (is_v6())
        ::inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
    else
        return "(no address)";
    return text;
}

std::optional<IpAddress> parse_ipv4(std::string_view text) {
    return parse_family(text, AF_INET, SHOAL_FAMILY_IPV4);
}

std::optional<IpAddress> parse_ipv6(std::string_view text) {
    return parse_family(text, AF_INET6, SHOAL_FAMILY_IPV6);
}

std::optional<IpAddress> parse_ip(std::string_view text) {
    if (auto v4 = parse_ipv4(text)) return v4;
    return parse_ipv6(text);
}

Endpoint Endpoint::parse(std::string_view text) {
    std::string why;
    if (auto endpoint = parse_endpoint(text, &why)) return *endpoint;
    throw std::invalid_argument("endpoint \"" + std::string(text) + "\": " + why +
                                " (expected IPv4:PORT or [IPv6]:PORT)");
}

std::string Endpoint::to_string() const { return endpoint_text(address.to_string(), port); }

std::optional<Endpoint> parse_endpoint(std::string_view text, std::string* why) {
    const auto split = parse_host_port(text, why);
    if (!split) return std::nullopt;
    const auto address = split->bracketed ? parse_ipv6(split->host) : parse_ipv4(split->host);
    if (!address) {
        if (why) *why = "not an IP address";
        return std::nullopt;
    }
    return Endpoint{*address, split->port};
}

std::string HostPort::to_string() const { return endpoint_text(host, port); }

std::optional<HostPort> parse_host_port(std::string_view text, std::string* why) {
    const auto fail = [why](const char* reason) -> std::optional<HostPort> {
        if (why) *why = reason;
        return std::nullopt;
    };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return fail("no ':PORT'");
    std::string_view host = text.substr(0, colon);
    HostPort out;
    if (!host.empty() && host.front() == '[') {
        if (host.size() < 2 || host.back() != ']')
            return fail("unclosed '[' (no ']' before ':PORT')");
        host = host.substr(1, host.size() - 2);
        out.bracketed = true;
    } else if (host.find(':') != std::string_view::npos) {
        return fail("IPv6 addresses need brackets");
    }
    if (host.empty()) return fail("no host before ':PORT'");
    const auto port = parse_port(text.substr(colon + 1));
    if (!port) return fail("the port is not a number in 1..65535");
    out.host = std::string(host);
    out.port = *port;
    return out;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(port);
}

std::string endpoint_text(std::string_view host, std::string_view port) {
    std::string text;
    if (host.find(':') != std::string_view::npos)
        text.append("[").append(host).append("]");
    else
        text.append(host);
    return text.append(":").append(port);
}

}  // namespace shoal
