// SPDX-License-Identifier: MIT
#include "black_hole.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shoal::test {

BlackHole::BlackHole() {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    wake_ = ::eventfd(0, EFD_CLOEXEC);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (listener_ < 0 || wake_ < 0 ||
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error(std::string("black hole: cannot listen on 127.0.0.1: ") +
                                 std::strerror(errno));
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
}

BlackHole::~BlackHole() {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(wake_, &one, sizeof(one));
    thread_.join();
    for (int fd : fds_)
        if (fd >= 0) ::close(fd);
    ::close(listener_);
    ::close(wake_);
}

config::EtcdEndpoint BlackHole::endpoint() const { return {false, "127.0.0.1", port_}; }

void BlackHole::run() {
    for (;;) {
        std::vector<pollfd> polled = {{wake_, POLLIN, 0}, {listener_, POLLIN, 0}};
        std::vector<std::size_t> index;  // polled[2 + k] is held_[index[k]]
        {
            std::lock_guard lock(mutex_);
            for (std::size_t i = 0; i < fds_.size(); ++i)
                if (fds_[i] >= 0) {
                    polled.push_back({fds_[i], POLLIN, 0});
                    index.push_back(i);
                }
        }
        if (::poll(polled.data(), polled.size(), -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (polled[0].revents) return;
        if (polled[1].revents & POLLIN) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                std::lock_guard lock(mutex_);
                held_.push_back({static_cast<int>(held_.size()) + 1, {}, true});
                fds_.push_back(fd);
            }
        }
        for (std::size_t k = 0; k < index.size(); ++k) {
            if (!polled[2 + k].revents) continue;
            char buffer[4096];
            const auto n = ::read(polled[2 + k].fd, buffer, sizeof(buffer));
            std::lock_guard lock(mutex_);
            auto& held = held_[index[k]];
            if (n > 0) {
                held.request.append(buffer, std::size_t(n));  // read, and never answered
            } else {
                held.open = false;
                ::close(fds_[index[k]]);
                fds_[index[k]] = -1;
            }
        }
    }
}

std::vector<BlackHole::Held> BlackHole::connections() const {
    std::lock_guard lock(mutex_);
    return held_;
}

std::optional<BlackHole::Held> BlackHole::open_with(const std::vector<std::string>& needles) const {
    std::lock_guard lock(mutex_);
    for (const auto& held : held_) {
        if (!held.open) continue;
        bool all = true;
        for (const auto& needle : needles) all &= held.request.find(needle) != std::string::npos;
        if (all) return held;
    }
    return std::nullopt;
}

bool BlackHole::is_open(int id) const {
    std::lock_guard lock(mutex_);
    return id >= 1 && std::size_t(id) <= held_.size() && held_[std::size_t(id) - 1].open;
}

}  // namespace shoal::test
