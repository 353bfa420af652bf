// SPDX-License-Identifier: MIT
#include "health/health_checker.h"

#include <fmt/format.h>

#include <set>

#include "health/target_runner.h"

namespace shoal::health {

HealthChecker::HealthChecker(boost::asio::io_context& io, HealthCallbacks callbacks,
                             std::uint64_t jitter_seed)
    : io_(io),
      callbacks_(std::make_shared<const HealthCallbacks>(std::move(callbacks))),
      seed_(jitter_seed) {}

HealthChecker::~HealthChecker() { stop(); }

void HealthChecker::check_running() const {
    if (stopped_) throw HealthError("health checker: already stopped");
}

void HealthChecker::set_targets(std::span<const Target> targets) {
    check_running();
    std::set<TargetId> wanted;
    for (const Target& target : targets) {
        check_target(target);
        if (!wanted.insert(target.id).second)
            throw HealthError(
                fmt::format("health check {}: target listed twice", to_string(target.id)));
    }
    for (auto it = runners_.begin(); it != runners_.end();) {
        if (wanted.contains(it->first)) {
            ++it;
            continue;
        }
        it->second->stop();
        it = runners_.erase(it);
    }
    for (const Target& target : targets) upsert(target);
}

void HealthChecker::upsert(const Target& target) {
    check_running();
    check_target(target);
    if (auto it = runners_.find(target.id); it != runners_.end()) {
        it->second->reconfigure(target);
        return;
    }
    auto runner = std::make_shared<TargetRunner>(io_, target, callbacks_, seed_);
    runners_.emplace(target.id, runner);
    runner->start();
}

bool HealthChecker::remove(const TargetId& id) {
    auto it = runners_.find(id);
    if (it == runners_.end()) return false;
    it->second->stop();
    runners_.erase(it);
    return true;
}

std::optional<TargetStatus> HealthChecker::status(const TargetId& id) const {
    auto it = runners_.find(id);
    if (it == runners_.end()) return std::nullopt;
    return it->second->status();
}

std::vector<TargetStatus> HealthChecker::statuses() const {
    std::vector<TargetStatus> out;
    out.reserve(runners_.size());
    for (const auto& [id, runner] : runners_) out.push_back(runner->status());
    return out;
}

void HealthChecker::stop() {
    stopped_ = true;
    for (auto& [id, runner] : runners_) runner->stop();
    runners_.clear();
}

}  // namespace shoal::health
