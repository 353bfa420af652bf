// SPDX-License-Identifier: MIT
// Waiting on conditions with a deadline, never a bare sleep.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <thread>

namespace shoal::test {

// Runs `io` until `done()` holds or `limit` passes; returns `done()`.
template <class Done>
bool run_until(boost::asio::io_context& io, Done done,
               std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        io.restart();
        io.run_one_for(std::chrono::milliseconds(50));
    }
    return done();
}

// Polls `done()` every 20ms until it holds or `limit` passes; returns `done()`.
template <class Done>
bool wait_until(Done done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return done();
}

}  // namespace shoal::test
