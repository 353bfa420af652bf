// SPDX-License-Identifier: MIT
#include "packet/addr.h"

#include <arpa/inet.h>

#include <cstdio>
#include <stdexcept>

namespace shoal::test {

Mac Mac::parse(std::string_view text) {
    Mac m;
    unsigned b[6];
    char tail;
    const std::string s(text);
    if (std::sscanf(s.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4],
                    &b[5], &tail) != 6) {
        throw std::invalid_argument("not a MAC address: '" + s + "'");
    }
    for (int i = 0; i < 6; ++i) m.bytes[i] = static_cast<std::uint8_t>(b[i]);
    return m;
}

std::string Mac::str() const {
    char buf[18];
    std::snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
                  bytes[3], bytes[4], bytes[5]);
    return buf;
}

IpAddr IpAddr::parse(std::string_view text) {
    IpAddr a;
    const std::string s(text);
    if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
        a.family = 6;
    } else {
        throw std::invalid_argument("not an IPv4 or IPv6 address: '" + s + "'");
    }
    return a;
}

std::string IpAddr::str() const {
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof(buf))) {
        return "(no address)";
    }
    return buf;
}

}  // namespace shoal::test
