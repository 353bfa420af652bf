// SPDX-License-Identifier: MIT
// What every connection coroutine of one run shares: the options, the report, the clock and
// the stop flag. Single-threaded: one io_context, one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "common/asio.h"
#include "loadgen/async_limiter.h"
#include "loadgen/load_options.h"
#include "loadgen/load_report.h"

namespace shoal::tools {

class RunContext {
  public:
    using Clock = std::chrono::steady_clock;

    RunContext(asio::io_context& io, const LoadOptions& options, LoadReport& report);

    asio::io_context& io() { return io_; }
    const LoadOptions& options() const { return options_; }
    LoadReport& report() { return report_; }
    AsyncLimiter& connect_limiter() { return connect_limiter_; }

    Clock::time_point start() const { return start_; }
    Clock::time_point end() const { return end_; }
    double elapsed_s() const;
    // True once the duration has passed or a stop was requested: finish the current exchange,
    // close, and start nothing new.
    bool stopping() const { return stop_requested_ || Clock::now() >= end_; }
    void request_stop() { stop_requested_ = true; }
    bool stop_requested() const { return stop_requested_; }

    // Short modes: the next connection or request index to run, nullopt when all are taken or
    // the run is stopping.
    std::optional<std::uint64_t> take_next();

    // Held modes: waits until a connection's next exchange is due, one interval after the
    // last (kept in `next`); false when the run is over by then.
    asio::awaitable<bool> wait_for_next(asio::steady_timer& pace, Clock::time_point& next);

    // The source address of connection `index` (unspecified address when none is configured).
    asio::ip::address source_for(std::uint64_t index) const;
    // "c12 s3 xxxx": unique per connection and exchange, padded to the message size.
    std::string message(char kind, std::uint64_t id, std::uint64_t seq) const;

  private:
    asio::io_context& io_;
    const LoadOptions& options_;
    LoadReport& report_;
    AsyncLimiter connect_limiter_;
    Clock::time_point start_;
    Clock::time_point end_;
    bool stop_requested_ = false;
    std::uint64_t next_index_ = 0;
};

}  // namespace shoal::tools
