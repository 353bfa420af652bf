// SPDX-License-Identifier: MIT
#include "health/target_runner.h"

#include <boost/asio/post.hpp>

namespace shoal::health {

using Clock = std::chrono::steady_clock;

TargetRunner::TargetRunner(boost::asio::io_context& io, Target target,
                           std::shared_ptr<const HealthCallbacks> callbacks, std::uint64_t seed)
    : io_(io),
      target_(std::move(target)),
      callbacks_(std::move(callbacks)),
      schedule_(seed, target_.id),
      rise_fall_(target_.check.rise, target_.check.fall),
      timer_(io) {}

void TargetRunner::start() {
    schedule_at(Clock::now() + schedule_.first_delay(target_.check.jitter));
}

void TargetRunner::stop() {
    stopped_ = true;
    timer_.cancel();
    abandon_probe();
}

void TargetRunner::abandon_probe() {
    if (probe_) {
        probe_->cancel();
        probe_.reset();
    }
}

void TargetRunner::reconfigure(const Target& target) {
    if (stopped_ || target == target_) return;
    if (same_probe(target, target_)) {
        const bool retimed = target.check.interval != target_.check.interval ||
                             target.check.jitter != target_.check.jitter;
        target_ = target;
        rise_fall_.set_thresholds(target_.check.rise, target_.check.fall);
        // Waiting between probes: wait by the new interval, not the old.
        if (retimed && !probe_ && probes_ > 0)
            schedule_at(std::max(
                probe_started_ + schedule_.next_gap(target_.check.interval, target_.check.jitter),
                Clock::now()));
        return;
    }
    const HealthState before = rise_fall_.state();
    target_ = target;
    rise_fall_ = RiseFall(target_.check.rise, target_.check.fall);
    last_reason_.clear();
    probes_ = 0;
    ++epoch_;
    abandon_probe();
    if (before != HealthState::unknown) {
        // Posted, not called: reconfigure runs inside the caller's set_targets.
        boost::asio::post(io_, [self = shared_from_this(), epoch = epoch_, before] {
            if (self->stopped_ || epoch != self->epoch_ || !self->callbacks_->on_transition) return;
            self->callbacks_->on_transition(Transition{
                self->target_.id, before, HealthState::unknown, "health check reconfigured"});
        });
    }
    start();
}

TargetStatus TargetRunner::status() const {
    return TargetStatus{target_,
                        rise_fall_.state(),
                        rise_fall_.consecutive_successes(),
                        rise_fall_.consecutive_failures(),
                        probes_,
                        last_reason_};
}

void TargetRunner::schedule_at(Clock::time_point when) {
    timer_.expires_at(when);  // cancels a pending wait
    timer_.async_wait([self = shared_from_this(), wait_id = ++wait_id_](
                          boost::system::error_code ec) { self->on_timer(ec, wait_id); });
}

void TargetRunner::on_timer(boost::system::error_code ec, std::uint64_t wait_id) {
    // A cancelled wait (operation_aborted), or one that fired just before a stop or re-arm.
    if (ec || stopped_ || wait_id != wait_id_) return;
    probe_started_ = Clock::now();
    probe_ = Probe::start(io_, target_,
                          [self = shared_from_this(), epoch = epoch_](const ProbeOutcome& o) {
                              self->on_probe_done(epoch, o);
                          });
}

void TargetRunner::on_probe_done(std::uint64_t epoch, const ProbeOutcome& outcome) {
    if (stopped_ || epoch != epoch_) return;
    probe_.reset();
    ++probes_;
    last_reason_ = outcome.reason;
    const HealthState before = rise_fall_.state();
    const auto changed = rise_fall_.record(outcome.healthy);

    // Callbacks may stop or reconfigure this runner (through the checker): check after each.
    if (callbacks_->on_probe)
        callbacks_->on_probe(
            ProbeReport{target_.id, outcome.healthy, outcome.duration, outcome.reason});
    if (changed && !stopped_ && epoch == epoch_ && callbacks_->on_transition)
        callbacks_->on_transition(Transition{target_.id, before, *changed, outcome.reason});
    if (stopped_ || epoch != epoch_) return;

    const auto next =
        probe_started_ + schedule_.next_gap(target_.check.interval, target_.check.jitter);
    schedule_at(std::max(next, Clock::now()));
}

}  // namespace shoal::health
