// SPDX-License-Identifier: MIT
#include "loadgen/load_report.h"

#include <fmt/format.h>

#include "base/enum_names.h"

namespace shoal::tools {
namespace {

double millis(std::uint64_t micros) { return static_cast<double>(micros) / 1000.0; }

std::string join_counts(const std::map<std::string, std::uint64_t>& counts) {
    std::string text;
    for (const auto& [name, count] : counts)
        text += fmt::format("{}{}={}", text.empty() ? "" : " ", name, count);
    return text.empty() ? "-" : text;
}

}  // namespace

// The names are string literals: .data() is their NUL-terminated text.
const char* to_string(BreakReason reason) {
    static constexpr EnumNames<BreakReason, 5> kNames{
        {{BreakReason::reset, "reset"},
         {BreakReason::timeout, "timeout"},
         {BreakReason::wrong_content, "wrong_content"},
         {BreakReason::server_changed, "server_changed"},
         {BreakReason::deadline, "deadline"}}};
    return name_of(kNames, reason).data();
}

const char* to_string(FailReason reason) {
    static constexpr EnumNames<FailReason, 6> kNames{{{FailReason::refused, "refused"},
                                                      {FailReason::timeout, "timeout"},
                                                      {FailReason::reset, "reset"},
                                                      {FailReason::unreachable, "unreachable"},
                                                      {FailReason::wrong_content, "wrong_content"},
                                                      {FailReason::other, "other"}}};
    return name_of(kNames, reason).data();
}

LoadReport::LoadReport(std::string mode, std::string target, std::uint64_t requested)
    : mode_(std::move(mode)), target_(std::move(target)), requested_(requested) {}

void LoadReport::failed(FailReason reason) {
    ++failed_;
    ++failed_reasons_[to_string(reason)];
}

void LoadReport::exchanged(const std::string& server, std::chrono::microseconds latency) {
    ++exchanges_;
    ++server_exchanges_[server];
    latency_.record(static_cast<std::uint64_t>(latency.count()));
}

void LoadReport::broken(BreakReason reason, const std::string& server) {
    ++broken_;
    ++broken_reasons_[to_string(reason)];
    ++broken_by_server_[server.empty() ? "unknown" : server];
}

void LoadReport::abandon_open() {
    while (open_ > 0) {
        broken(BreakReason::deadline, "");
        --open_;
    }
}

void LoadReport::finish(double elapsed_s, bool stopped_early, bool deadline_hit) {
    elapsed_s_ = elapsed_s;
    stopped_early_ = stopped_early;
    deadline_hit_ = deadline_hit;
}

nlohmann::ordered_json LoadReport::to_json(double elapsed_s, bool interim) const {
    nlohmann::ordered_json report = {
        {"mode", mode_},
        {"target", target_},
        {"requested", requested_},
        {"connections", connections_},
        {"established", established_},
        {"open", open_},
        {"failed", failed_},
        {"failed_reasons", failed_reasons_},
        {"broken", broken_},
        {"broken_reasons", broken_reasons_},
        {"broken_by_server", broken_by_server_},
        {"exchanges", exchanges_},
        {"servers", servers_},
        {"server_exchanges", server_exchanges_},
        {"latency_ms",
         {{"p50", millis(latency_.percentile(0.50))},
          {"p90", millis(latency_.percentile(0.90))},
          {"p99", millis(latency_.percentile(0.99))},
          {"max", millis(latency_.max())}}},
        {"elapsed_s", interim ? elapsed_s : elapsed_s_},
        {"stopped_early", stopped_early_},
        {"deadline_hit", deadline_hit_},
        {"interim", interim},
    };
    return report;
}

std::string LoadReport::progress_line(double elapsed_s) const {
    return fmt::format(
        "shoal-loadgen: t={:.1f}s open={} established={} failed={} broken={} "
        "exchanges={} servers: {}",
        elapsed_s, open_, established_, failed_, broken_, exchanges_, join_counts(servers_));
}

std::string LoadReport::summary() const {
    std::string text;
    text += fmt::format("mode         {}\ntarget       {}\n", mode_, target_);
    text += fmt::format("connections  {} of {} requested, {} established\n", connections_,
                        requested_, established_);
    text += fmt::format("failed       {} ({})\n", failed_, join_counts(failed_reasons_));
    text += fmt::format("broken       {} ({})\n", broken_, join_counts(broken_reasons_));
    text += fmt::format("exchanges    {}\nservers      {}\n", exchanges_, join_counts(servers_));
    text += fmt::format("latency ms   p50 {:.3f}  p90 {:.3f}  p99 {:.3f}  max {:.3f}\n",
                        millis(latency_.percentile(0.50)), millis(latency_.percentile(0.90)),
                        millis(latency_.percentile(0.99)), millis(latency_.max()));
    text += fmt::format("elapsed      {:.2f} s{}{}\n", elapsed_s_,
                        stopped_early_ ? ", stopped early" : "",
                        deadline_hit_ ? ", HARD DEADLINE HIT" : "");
    text += fmt::format("{} connections, {} broken\n", established_, broken_);
    return text;
}

}  // namespace shoal::tools
