// SPDX-License-Identifier: MIT
// Active health checks of every target (a service's server at its DIP), on one io_context.
// Call from the io_context's thread (or before it runs); callbacks run on that thread.
//
//   HealthChecker checker(io, {.on_transition = ..., .on_probe = ...}, seed);
//   checker.set_targets(targets_from_config);   // again on every reload
//   ...
//   checker.stop();                             // no callbacks after this
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "health/health_types.h"

namespace shoal::health {

class TargetRunner;

class HealthChecker {
  public:
    // jitter_seed makes the jitter reproducible (tests); the daemon passes a random seed.
    HealthChecker(boost::asio::io_context& io, HealthCallbacks callbacks,
                  std::uint64_t jitter_seed = 0);
    ~HealthChecker();  // stop()
    HealthChecker(const HealthChecker&) = delete;
    HealthChecker& operator=(const HealthChecker&) = delete;

    // Makes the set of targets exactly this (a config reload): new ids start probing from
    // unknown, missing ids stop, changed ids are reconfigured (TargetRunner::reconfigure), and
    // unchanged ids keep their state and schedule. Every target is checked first
    // (check_target, unique ids): on HealthError nothing changes.
    void set_targets(std::span<const Target> targets);
    // Adds one target or reconfigures it; HealthError for an invalid one.
    void upsert(const Target& target);
    // Stops probing the target; false if it was unknown.
    bool remove(const TargetId& id);

    std::optional<TargetStatus> status(const TargetId& id) const;
    std::vector<TargetStatus> statuses() const;  // sorted by id
    std::size_t size() const noexcept { return runners_.size(); }

    // Stops every probe and timer. Pending handlers complete with operation_aborted (or find
    // themselves stopped) and call nothing; the io_context runs out of this checker's work.
    void stop();

  private:
    void check_running() const;

    boost::asio::io_context& io_;
    std::shared_ptr<const HealthCallbacks> callbacks_;
    std::uint64_t seed_;
    std::map<TargetId, std::shared_ptr<TargetRunner>> runners_;
    bool stopped_ = false;
};

}  // namespace shoal::health
