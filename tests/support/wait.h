// SPDX-License-Identifier: MIT
// Waiting in tests on a condition with a deadline, never a bare sleep: the one place tests
// wait, for conditions met by the test's own io_context or by other threads and processes.
#pragma once

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <thread>

namespace shoal::test {

// Polls `done()` every 20 ms until it holds or `limit` passes; returns `done()`.
template <class Done>
bool wait_until(Done done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return done();
}

// Runs `io`'s handlers until `done()` holds (true) or `limit` passes (false). Checks `done()`
// at least every 50 ms, and goes on waiting when `io` runs out of work, since another thread
// may still post to it or make `done()` true.
template <class Done>
bool run_until(boost::asio::io_context& io, Done done,
               std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + limit;
    while (!done()) {
        const auto now = Clock::now();
        if (now >= deadline) return false;
        if (io.stopped()) io.restart();
        if (io.run_one_until(std::min(deadline, now + std::chrono::milliseconds(50))) == 0 &&
            io.stopped())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));  // no work: poll
    }
    return true;
}

// Runs `io` until it has no work left (true) or `limit` passes (false): for checking that
// stopping something leaves no handler behind.
inline bool run_until_idle(boost::asio::io_context& io, std::chrono::milliseconds limit) {
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (io.run_one_until(deadline) == 0 && io.stopped()) return true;
    }
    return false;
}

// Runs handlers for a while, to observe what does (or does not) happen meanwhile.
inline void run_for(boost::asio::io_context& io, std::chrono::milliseconds duration) {
    io.restart();
    io.run_for(duration);
}

}  // namespace shoal::test
