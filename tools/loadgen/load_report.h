// SPDX-License-Identifier: MIT
// What a load run saw, and its JSON and human forms. The JSON field names are the contract the
// e2e tests and the demo read:
//   mode, target, requested, connections (attempted), established, failed, failed_reasons,
//   broken, broken_reasons, broken_by_server, exchanges, servers (connections or requests per
//   answering server), server_exchanges, latency_ms {p50,p90,p99,max}, elapsed_s,
//   stopped_early, deadline_hit, interim.
// failed: never established (TCP: connect failed; UDP: no first answer).
// broken: established, then reset, timeout, wrong_content, server_changed or deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "loadgen/latency_histogram.h"

namespace shoal::tools {

enum class BreakReason { reset, timeout, wrong_content, server_changed, deadline };
enum class FailReason { refused, timeout, reset, unreachable, wrong_content, other };

const char* to_string(BreakReason reason);
const char* to_string(FailReason reason);

class LoadReport {
  public:
    LoadReport(std::string mode, std::string target, std::uint64_t requested);

    void attempted() { ++connections_; }
    void failed(FailReason reason);
    void established() {
        ++established_;
        ++open_;
    }
    void first_answer(const std::string& server) { ++servers_[server]; }
    void exchanged(const std::string& server, std::chrono::microseconds latency);
    void broken(BreakReason reason, const std::string& server);
    void closed() { --open_; }
    // The hard deadline stopped the run: whatever is still open counts as broken.
    void abandon_open();
    void finish(double elapsed_s, bool stopped_early, bool deadline_hit);

    std::uint64_t broken_count() const { return broken_; }
    std::uint64_t failed_count() const { return failed_; }
    std::uint64_t open_count() const { return open_; }

    nlohmann::ordered_json to_json(double elapsed_s, bool interim) const;
    std::string progress_line(double elapsed_s) const;
    std::string summary() const;  // the human report

  private:
    std::string mode_;
    std::string target_;
    std::uint64_t requested_;
    std::uint64_t connections_ = 0;
    std::uint64_t established_ = 0;
    std::uint64_t open_ = 0;
    std::uint64_t failed_ = 0;
    std::uint64_t broken_ = 0;
    std::uint64_t exchanges_ = 0;
    std::map<std::string, std::uint64_t> failed_reasons_;
    std::map<std::string, std::uint64_t> broken_reasons_;
    std::map<std::string, std::uint64_t> broken_by_server_;
    std::map<std::string, std::uint64_t> servers_;
    std::map<std::string, std::uint64_t> server_exchanges_;
    LatencyHistogram latency_;
    double elapsed_s_ = 0;
    bool stopped_early_ = false;
    bool deadline_hit_ = false;
};

}  // namespace shoal::tools
