// SPDX-License-Identifier: MIT
// Collects what a HealthChecker reports, and builds targets for tests.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "health/health_checker.h"
#include "health/health_types.h"
#include "support/wait.h"

namespace shoal::test {

struct RecordedTransition {
    health::Transition transition;
    std::size_t probes_of_target;  // that target's probes reported when it happened
};

class HealthRecorder {
  public:
    health::HealthCallbacks callbacks() {
        return {
            .on_transition =
                [this](const health::Transition& t) {
                    transitions.push_back({t, probes_of(t.target)});
                },
            .on_probe = [this](const health::ProbeReport& p) { probes.push_back(p); },
        };
    }

    std::size_t probes_of(const health::TargetId& id) const {
        std::size_t count = 0;
        for (const auto& probe : probes) count += probe.target == id;
        return count;
    }

    std::vector<RecordedTransition> transitions_of(const health::TargetId& id) const {
        std::vector<RecordedTransition> out;
        for (const auto& recorded : transitions) {
            if (recorded.transition.target == id) out.push_back(recorded);
        }
        return out;
    }

    std::vector<RecordedTransition> transitions;
    std::vector<health::ProbeReport> probes;
};

// A quick check for loopback: short interval, generous timeout, no jitter.
inline health::CheckConfig fast_check(health::CheckType type, unsigned rise, unsigned fall) {
    health::CheckConfig check;
    check.type = type;
    check.interval = std::chrono::milliseconds(10);
    check.timeout = std::chrono::milliseconds(2000);
    check.rise = rise;
    check.fall = fall;
    check.jitter = std::chrono::milliseconds(0);
    check.http_path = "/healthz";
    return check;
}

inline health::Target make_target(std::string server, const std::string& address,
                                  std::uint16_t port, health::CheckConfig check) {
    return health::Target{
        {"web", std::move(server)}, boost::asio::ip::make_address(address), port, std::move(check)};
}

// A HealthChecker on `io` checking one target, web/srv-a at address:port, its reports recorded.
struct OneTargetCheck {
    OneTargetCheck(boost::asio::io_context& io, const std::string& address, std::uint16_t port,
                   health::CheckConfig check)
        : checker(io, recorder.callbacks()),
          target(make_target("srv-a", address, port, std::move(check))) {
        checker.set_targets({&target, 1});
    }

    // Runs `io` until the target's first transition (REQUIRE); that transition.
    const RecordedTransition& first_transition(boost::asio::io_context& io) {
        REQUIRE(run_until(io, [&] { return !recorder.transitions.empty(); }));
        return recorder.transitions.front();
    }

    HealthRecorder recorder;
    health::HealthChecker checker;
    health::Target target;
};

}  // namespace shoal::test
