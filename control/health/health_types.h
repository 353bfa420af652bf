// SPDX-License-Identifier: MIT
// The vocabulary of active health checks: what to probe, how often, and what came out.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shoal::health {

enum class CheckType { tcp, http };

std::string_view to_string(CheckType type);
// Throws HealthError for anything but "tcp" or "http".
CheckType parse_check_type(std::string_view text);

// A service's health_check settings, as the fleet config spells them.
struct CheckConfig {
    CheckType type = CheckType::tcp;
    std::chrono::milliseconds interval{2000};  // between probe starts, before jitter
    std::chrono::milliseconds timeout{1000};   // the whole probe: connect, request, response
    unsigned rise = 2;                         // consecutive successes to become up
    unsigned fall = 3;                         // consecutive failures to become down
    std::chrono::milliseconds jitter{0};       // random 0..jitter added to each interval
    std::string http_path = "/";               // http only
    std::string http_host;                     // http only: Host header; empty means "DIP:port"

    friend bool operator==(const CheckConfig&, const CheckConfig&) = default;
};

// A probed server of a service; the stable key across config reloads.
struct TargetId {
    std::string service;
    std::string server;

    friend auto operator<=>(const TargetId&, const TargetId&) = default;
};

std::string to_string(const TargetId& id);  // "web/srv-a"

struct Target {
    TargetId id;
    boost::asio::ip::address address;  // the server's DIP, IPv4 or IPv6
    std::uint16_t port = 0;
    CheckConfig check;

    friend bool operator==(const Target&, const Target&) = default;
};

// Throws HealthError naming the target and the field, e.g.
// "health check web/srv-a: rise must be at least 1, got 0".
void check_target(const Target& target);

// True when both probe the same thing (address, port, type, path, Host), so a verdict about
// one holds for the other; timings and rise/fall may differ.
bool same_probe(const Target& a, const Target& b);

enum class HealthState { unknown, up, down };

std::string_view to_string(HealthState state);

struct Transition {
    TargetId target;
    HealthState from = HealthState::unknown;
    HealthState to = HealthState::unknown;
    // Why: the last probe's result ("connect: Connection refused", "http status 503",
    // "timeout after 500ms", "http status 200") or "health check reconfigured".
    std::string reason;
};

struct ProbeReport {
    TargetId target;
    bool healthy = false;
    std::chrono::nanoseconds duration{0};
    std::string reason;
};

struct TargetStatus {
    Target target;
    HealthState state = HealthState::unknown;
    unsigned consecutive_successes = 0;
    unsigned consecutive_failures = 0;
    std::uint64_t probes = 0;  // completed since the target (or its probe) was set
    std::string last_reason;   // empty before the first probe completes
};

// Called on the io_context's thread, never after HealthChecker::stop().
struct HealthCallbacks {
    std::function<void(const Transition&)> on_transition;
    std::function<void(const ProbeReport&)> on_probe;
};

class HealthError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::health
