// SPDX-License-Identifier: MIT
// What the kernel knows of a TCP connection's sending side (TCP_INFO): how many bytes the peer
// has acknowledged, and the path MTU and segment size in use. Its own translation unit:
// <linux/tcp.h> (which has tcpi_bytes_acked) cannot be included beside Asio's <netinet/tcp.h>.
#pragma once

#include <cstdint>
#include <optional>

namespace shoal::tools {

struct TcpProgress {
    std::uint64_t bytes_acked = 0;
    std::uint32_t pmtu = 0;
    std::uint32_t snd_mss = 0;
};

// nullopt when getsockopt fails (not a TCP socket, closed).
std::optional<TcpProgress> read_tcp_progress(int fd);

}  // namespace shoal::tools
