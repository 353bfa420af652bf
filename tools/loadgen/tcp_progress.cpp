// SPDX-License-Identifier: MIT
#include "loadgen/tcp_progress.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace shoal::tools {

std::optional<TcpProgress> read_tcp_progress(int fd) {
    tcp_info info{};
    socklen_t size = sizeof(info);
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &size) != 0) return std::nullopt;
    return TcpProgress{info.tcpi_bytes_acked, info.tcpi_pmtu, info.tcpi_snd_mss};
}

}  // namespace shoal::tools
