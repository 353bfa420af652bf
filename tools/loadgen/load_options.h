// SPDX-License-Identifier: MIT
// What one shoal-loadgen run does; filled from the command line in main.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/bulk_protocol.h"
#include "common/endpoint_text.h"
#include "loadgen/source_range.h"

namespace shoal::tools {

enum class LoadMode {
    tcp,        // hold N connections, one exchange every interval, for the duration
    tcp_short,  // N connections one after another (concurrency at a time): connect, one exchange,
                // close
    udp,        // hold N UDP sessions (a connected client socket each), like tcp
    udp_short,  // N requests, each from a fresh socket (new source port): request, response
    bulk,       // one bulk download and upload per --flow source port, all at once (bulk_mode.h)
};

const char* to_string(LoadMode mode);
std::optional<LoadMode> parse_load_mode(const std::string& text);

struct LoadOptions {
    LoadMode mode = LoadMode::tcp;
    EndpointText target;
    std::optional<SourceRange> sources;
    std::uint64_t connections = 100;
    unsigned concurrency = 64;           // short modes: in flight at once
    unsigned connect_concurrency = 128;  // held modes: handshakes in flight at once
    std::size_t message_size = 32;
    std::chrono::milliseconds interval{100};
    std::chrono::milliseconds duration{10000};  // held: how long; short: at most this long
    std::chrono::milliseconds timeout{2000};    // one exchange's reply
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds deadline{0};  // hard stop; 0: duration + timeouts + 5 s
    bool progress = false;
    bool json = false;
    // bulk: a transfer from each of these source endpoints, `bulk_bytes` in each direction.
    std::vector<EndpointText> flows;
    std::uint64_t bulk_bytes = 4 << 20;
    std::set<BulkDirection> bulk_directions = {BulkDirection::down, BulkDirection::up};
    std::chrono::milliseconds stall{5000};  // bulk: a transfer this long without progress fails
    unsigned mss = 0;                       // bulk: TCP_MAXSEG before connecting; 0: the kernel's

    std::chrono::milliseconds hard_deadline() const {
        if (deadline.count() > 0) return deadline;
        return duration + connect_timeout + timeout + std::chrono::seconds(5);
    }
};

}  // namespace shoal::tools
