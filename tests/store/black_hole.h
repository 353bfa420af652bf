// SPDX-License-Identifier: MIT
// A black-holed etcd member for tests: a real TCP listener on 127.0.0.1 that accepts every
// connection, reads what is sent and never answers, as a partitioned member looks to a client
// whose packets are dropped after the handshake. It keeps each connection open until the
// client gives up and closes it, and records what each one asked, so a test can see that a
// store call is in flight (a request held on an open connection) while it checks something
// else.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/etcd_config.h"

namespace shoal::test {

class BlackHole {
  public:
    struct Held {
        int id = 0;           // accept order, from 1
        std::string request;  // everything received so far (HTTP head and body)
        bool open = true;     // false once the client closed it
    };

    // Listens on 127.0.0.1:<free port>, in the calling thread's network namespace.
    BlackHole();
    ~BlackHole();  // closes every connection
    BlackHole(const BlackHole&) = delete;
    BlackHole& operator=(const BlackHole&) = delete;

    config::EtcdEndpoint endpoint() const;
    std::vector<Held> connections() const;
    // The first open connection whose request so far contains every one of `needles`.
    std::optional<Held> open_with(const std::vector<std::string>& needles) const;
    bool is_open(int id) const;

  private:
    void run();

    int listener_ = -1;
    int wake_ = -1;  // eventfd: ends run()
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::vector<Held> held_;
    std::vector<int> fds_;  // by held_ index; -1 once closed
    std::thread thread_;
};

}  // namespace shoal::test
