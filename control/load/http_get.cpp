// SPDX-License-Identifier: MIT
#include "load/http_get.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/ip_address.h"
#include "base/unique_fd.h"

namespace shoal::load {
namespace {

using Clock = std::chrono::steady_clock;

struct Url {
    std::string host, port, path = "/";
};

bool parse_url(std::string_view url, Url& out, std::string& error) {
    constexpr std::string_view scheme = "http://";
    if (!url.starts_with(scheme)) {
        error = "expected a URL starting with http://";
        return false;
    }
    std::string_view rest = url.substr(scheme.size());
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) out.path = std::string(rest.substr(slash));
    std::string host_port(authority);
    if (host_port.ends_with(']') || host_port.find(':') == std::string::npos)
        host_port += ":80";  // HTTP's port when the URL names none
    const auto parsed = parse_host_port(host_port, &error);
    if (!parsed) return false;
    out.host = parsed->host;
    out.port = std::to_string(parsed->port);
    return true;
}

// Waits for `events` until the deadline; false on timeout or error.
bool wait_for(int fd, short events, Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, int(left.count())) == 1 && !(p.revents & (POLLERR | POLLNVAL));
}

}  // namespace

HttpBody http_get(std::string_view url, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    auto failed = [&](const std::string& why) {
        return HttpBody{{}, fmt::format("GET {}: {}", url, why)};
    };
    Url u;
    std::string error;
    if (!parse_url(url, u, error)) return failed(error);

    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(u.host.c_str(), u.port.c_str(), &hints, &found); rc != 0)
        return failed(fmt::format("cannot resolve {}: {}", u.host, gai_strerror(rc)));
    UniqueFd fd(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const int rc = fd.get() < 0 ? -1 : ::connect(fd.get(), found->ai_addr, found->ai_addrlen);
    const int connect_errno = errno;
    ::freeaddrinfo(found);
    if (fd.get() < 0) return failed(fmt::format("socket: {}", std::strerror(errno)));
    if (rc != 0 && connect_errno != EINPROGRESS)
        return failed(fmt::format("connect: {}", std::strerror(connect_errno)));
    if (!wait_for(fd.get(), POLLOUT, deadline)) return failed("connect timed out");
    int so_error = 0;
    socklen_t len = sizeof(so_error);
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) return failed(fmt::format("connect: {}", std::strerror(so_error)));

    const std::string request = fmt::format(
        "GET {} HTTP/1.0\r\nHost: {}\r\nAccept: text/plain\r\nConnection: close\r\n\r\n", u.path,
        u.host);
    for (std::size_t sent = 0; sent < request.size();) {
        if (!wait_for(fd.get(), POLLOUT, deadline)) return failed("send timed out");
        const ssize_t n =
            ::send(fd.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN) return failed(fmt::format("send: {}", std::strerror(errno)));
        if (n > 0) sent += std::size_t(n);
    }
    std::string answer;
    constexpr std::size_t kMaxAnswer = 16 << 20;
    char buffer[16384];
    while (true) {
        if (!wait_for(fd.get(), POLLIN, deadline))
            return failed(fmt::format("no complete answer within {} ms", timeout.count()));
        const ssize_t n = ::recv(fd.get(), buffer, sizeof(buffer), 0);
        if (n == 0) break;
        if (n < 0 && errno != EAGAIN) return failed(fmt::format("recv: {}", std::strerror(errno)));
        if (n > 0) answer.append(buffer, std::size_t(n));
        if (answer.size() > kMaxAnswer) return failed("answer larger than 16 MiB");
    }
    const auto header_end = answer.find("\r\n\r\n");
    if (header_end == std::string::npos) return failed("answer has no header end");
    const std::string_view status_line = std::string_view(answer).substr(0, answer.find("\r\n"));
    if (status_line.find(" 200") == std::string_view::npos)
        return failed(fmt::format("answered \"{}\"", status_line));
    return {answer.substr(header_end + 4), {}};
}

}  // namespace shoal::load
