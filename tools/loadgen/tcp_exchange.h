// SPDX-License-Identifier: MIT
// One TCP connect and one echo exchange, each bounded in time, as the TCP modes use them.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/asio.h"
#include "loadgen/load_report.h"

namespace shoal::tools {

struct ExchangeOutcome {
    enum class Status { ok, reset, timeout, wrong_content } status = Status::ok;
    std::string server;  // who answered (when status is ok)
    std::chrono::microseconds latency{0};
};

BreakReason to_break_reason(ExchangeOutcome::Status status);
FailReason to_fail_reason(ExchangeOutcome::Status status);

// An exchange on a held connection or session that `server` answered so far: reports it
// exchanged and returns true, or reports it broken (another server answered, or it failed)
// and closed and returns false.
bool record_held_exchange(LoadReport& report, const ExchangeOutcome& outcome,
                          const std::string& server);

// Opens `socket`, binds it to `source` (port 0: the kernel picks per destination) and connects.
// nullopt on success, otherwise why it failed.
asio::awaitable<std::optional<FailReason>> connect_tcp(asio::ip::tcp::socket& socket,
                                                       const asio::ip::address& source,
                                                       const asio::ip::tcp::endpoint& target,
                                                       std::chrono::milliseconds timeout);

// Sends `message` + '\n' and reads one line back; it must be "SERVER message".
// `buffer` keeps bytes read past the line between calls.
asio::awaitable<ExchangeOutcome> tcp_exchange(asio::ip::tcp::socket& socket, std::string& buffer,
                                              const std::string& message,
                                              std::chrono::milliseconds timeout);

}  // namespace shoal::tools
