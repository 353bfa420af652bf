// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace shoal::test {

struct Mac {
    std::array<std::uint8_t, 6> bytes{};

    // "02:00:00:00:00:01"; throws std::invalid_argument on anything else.
    static Mac parse(std::string_view text);
    std::string str() const;
    auto operator<=>(const Mac&) const = default;
};

// An IPv4 or IPv6 address; IPv4 in the first 4 bytes, the rest zero (as Shoal's maps store it).
struct IpAddr {
    int family = 0;  // 4 or 6
    std::array<std::uint8_t, 16> bytes{};

    // "198.18.0.1" or "2001:db8::1"; throws std::invalid_argument on anything else.
    static IpAddr parse(std::string_view text);
    bool is_v4() const { return family == 4; }
    std::size_t size() const { return family == 4 ? 4 : 16; }
    std::string str() const;
    auto operator<=>(const IpAddr&) const = default;
};

inline Mac mac(std::string_view text) { return Mac::parse(text); }
inline IpAddr ip(std::string_view text) { return IpAddr::parse(text); }

}  // namespace shoal::test
