// SPDX-License-Identifier: MIT
// Probes one target forever: wait, probe, count the result, report, wait again.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>

#include "health/health_types.h"
#include "health/probe.h"
#include "health/probe_schedule.h"
#include "health/rise_fall.h"

namespace shoal::health {

class TargetRunner : public std::enable_shared_from_this<TargetRunner> {
  public:
    TargetRunner(boost::asio::io_context& io, Target target,
                 std::shared_ptr<const HealthCallbacks> callbacks, std::uint64_t seed);

    // Schedules the first probe after a random 0..jitter delay.
    void start();
    // Cancels the timer and any probe in flight; no callback runs afterwards.
    void stop();
    // Same probe (same_probe): state and streaks kept, new thresholds count from the next
    // result, and a new interval or jitter re-arms the wait for the next probe. Otherwise the state
    // returns to unknown (reported as a transition with reason "health check reconfigured") and
    // probing starts over.
    void reconfigure(const Target& target);

    TargetStatus status() const;

  private:
    void schedule_at(std::chrono::steady_clock::time_point when);
    void on_timer(boost::system::error_code ec, std::uint64_t wait_id);
    void on_probe_done(std::uint64_t epoch, const ProbeOutcome& outcome);
    void abandon_probe();

    boost::asio::io_context& io_;
    Target target_;
    std::shared_ptr<const HealthCallbacks> callbacks_;
    ProbeSchedule schedule_;
    RiseFall rise_fall_;
    boost::asio::steady_timer timer_;
    std::shared_ptr<Probe> probe_;
    std::chrono::steady_clock::time_point probe_started_;
    std::string last_reason_;
    std::uint64_t probes_ = 0;
    // Bumped by a reset, so probe results and transitions of the old probe are dropped.
    std::uint64_t epoch_ = 0;
    // Bumped by every re-arm: a wait that fired just before being re-armed does nothing.
    std::uint64_t wait_id_ = 0;
    bool stopped_ = false;
};

}  // namespace shoal::health
