// SPDX-License-Identifier: MIT
// What a bulk run (shoal-loadgen --mode bulk) saw, flow by flow, and its JSON and human forms.
// JSON (the contract the lab's path-MTU test reads):
//   {"mode": "bulk", "target", "bytes" (per direction), "flows": [{"source" (ADDR:PORT),
//    "server" (who answered, "" if none), "connected", "error" (connect failure, else ""),
//    "pmtu", "snd_mss" (TCP_INFO after the last transfer; 0 unknown),
//    "down"/"up": {"bytes", "done", "complete", "seconds", "error"}}],
//    "complete" (flows whose every transfer completed), "incomplete", "elapsed_s"}
// A transfer's error is "" when complete, else e.g. "stalled: no progress for 5 s", "deadline",
// "reset", "wrong reply ...", "content differs at byte N", "not run: ...".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/bulk_protocol.h"

namespace shoal::tools {

struct BulkLeg {
    BulkDirection direction = BulkDirection::down;
    std::uint64_t bytes = 0;
    std::uint64_t done = 0;  // down: bytes read; up: bytes the server acknowledged
    bool complete = false;
    double seconds = 0;
    std::string error;
};

struct BulkFlow {
    std::string source;
    std::string server;
    bool connected = false;
    std::string error;
    std::uint32_t pmtu = 0;
    std::uint32_t snd_mss = 0;
    std::vector<BulkLeg> legs;

    bool complete() const;
};

struct BulkReport {
    std::string target;
    std::uint64_t bytes = 0;
    std::vector<BulkFlow> flows;
    double elapsed_s = 0;

    std::size_t complete_count() const;
    nlohmann::ordered_json to_json() const;
    std::string summary() const;
};

}  // namespace shoal::tools
