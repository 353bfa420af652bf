// SPDX-License-Identifier: MIT
// Waiting in tests without sleeping: run the io_context until a condition or a deadline.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>

namespace shoal::test {

// Runs handlers until done() holds (true) or the deadline passes or no work is left (false).
template <class Predicate>
bool run_until(boost::asio::io_context& io, Predicate done,
               std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        if (io.stopped()) io.restart();
        if (io.run_one_until(deadline) == 0 && io.stopped()) return done();
    }
    return true;
}

// Runs handlers for a while, to observe what does (or does not) happen meanwhile.
inline void run_for(boost::asio::io_context& io, std::chrono::milliseconds duration) {
    io.restart();
    io.run_for(duration);
}

}  // namespace shoal::test
