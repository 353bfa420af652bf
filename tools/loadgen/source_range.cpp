// SPDX-License-Identifier: MIT
#include "loadgen/source_range.h"

#include <algorithm>
#include <stdexcept>

namespace shoal::tools {
namespace {

std::uint64_t low64(const asio::ip::address_v6& a) {
    const auto bytes = a.to_bytes();
    std::uint64_t v = 0;
    for (int i = 8; i < 16; ++i) v = (v << 8) | bytes[i];
    return v;
}

bool same_high64(const asio::ip::address_v6& a, const asio::ip::address_v6& b) {
    const auto x = a.to_bytes();
    const auto y = b.to_bytes();
    return std::equal(x.begin(), x.begin() + 8, y.begin());
}

}  // namespace

SourceRange SourceRange::parse(std::string_view text) {
    const auto fail = [&](const std::string& why) {
        return std::invalid_argument("source range '" + std::string(text) + "': " + why +
                                     " (expected ADDR or FIRST-LAST)");
    };
    const auto dash = text.find('-');
    const std::string first_text(text.substr(0, dash));
    const std::string last_text(dash == std::string_view::npos ? first_text
                                                               : text.substr(dash + 1));
    boost::system::error_code ec;
    const auto first = asio::ip::make_address(first_text, ec);
    if (ec) throw fail("'" + first_text + "' is not an IP address");
    const auto last = asio::ip::make_address(last_text, ec);
    if (ec) throw fail("'" + last_text + "' is not an IP address");
    if (first.is_v4() != last.is_v4()) throw fail("the two ends are of different families");
    if (first.is_v4()) {
        const std::uint32_t a = first.to_v4().to_uint();
        const std::uint32_t b = last.to_v4().to_uint();
        if (b < a) throw fail("the last address is below the first");
        return SourceRange(first, std::uint64_t{b} - a + 1);
    }
    if (!same_high64(first.to_v6(), last.to_v6()))
        throw fail("IPv6 ends must differ only in the last 64 bits");
    const std::uint64_t a = low64(first.to_v6());
    const std::uint64_t b = low64(last.to_v6());
    if (b < a) throw fail("the last address is below the first");
    if (b - a == UINT64_MAX) throw fail("range too large");
    return SourceRange(first, b - a + 1);
}

asio::ip::address SourceRange::at(std::uint64_t index) const {
    const std::uint64_t offset = index % size_;
    if (first_.is_v4()) return asio::ip::address_v4(first_.to_v4().to_uint() + offset);
    auto bytes = first_.to_v6().to_bytes();
    std::uint64_t low = low64(first_.to_v6()) + offset;
    for (int i = 15; i >= 8; --i, low >>= 8) bytes[i] = static_cast<unsigned char>(low & 0xFF);
    return asio::ip::address_v6(bytes);
}

std::string SourceRange::to_string() const {
    if (size_ == 1) return first_.to_string();
    return first_.to_string() + "-" + at(size_ - 1).to_string();
}

}  // namespace shoal::tools
