// SPDX-License-Identifier: MIT
#include "dataplane/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"

namespace shoal {

IpAddress IpAddress::parse(std::string_view text)
{
    const std::string s(text);
    IpAddress a;
    if (::inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
        a.family = SHOAL_FAMILY_IPV4;
        return a;
    }
    if (::inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
        a.family = SHOAL_FAMILY_IPV6;
        return a;
    }
    throw DataplaneError::invalid("parse IP address", fmt::format("'{}' is not IPv4 or IPv6", s));
}

IpAddress IpAddress::from_abi(const std::uint8_t (&addr)[16], std::uint8_t family)
{
    if (family != SHOAL_FAMILY_IPV4 && family != SHOAL_FAMILY_IPV6)
        throw DataplaneError::invalid("read IP address", fmt::format("unknown family {}", family));
    IpAddress a;
    a.family = family;
    std::memcpy(a.bytes.data(), addr, family == SHOAL_FAMILY_IPV4 ? 4 : 16);
    return a;
}

IpAddress IpAddress::from_be32(std::uint32_t addr_be)
{
    IpAddress a;
    a.family = SHOAL_FAMILY_IPV4;
    std::memcpy(a.bytes.data(), &addr_be, 4);
    return a;
}

std::uint32_t IpAddress::to_be32() const
{
    if (!is_v4())
        throw DataplaneError::invalid("use IPv4 address", fmt::format("{} is not IPv4", to_string()));
    std::uint32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return v;
}

void IpAddress::copy_to(std::uint8_t (&addr)[16]) const noexcept
{
    std::memset(addr, 0, 16);
    std::memcpy(addr, bytes.data(), is_v4() ? 4 : 16);
}

std::string IpAddress::to_string() const
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (is_v4())
        ::inet_ntop(AF_INET, bytes.data(), buf, sizeof(buf));
    else if (is_v6())
        ::inet_ntop(AF_INET6, bytes.data(), buf, sizeof(buf));
    else
        return "(no address)";
    return buf;
}

} // namespace shoal
