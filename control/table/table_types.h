// SPDX-License-Identifier: MIT
// The vocabulary of the table builder: servers, buckets, tables, times and options.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "shoal_abi.h"

namespace shoal::table {

// Wider than the data plane's __u16 so the builder (and its benchmark) can handle
// 10000+ servers; to_abi_buckets() checks the data plane's limit.
using ServerIndex = std::uint32_t;
inline constexpr ServerIndex kNoServer = 0xFFFFFFFFu;
inline constexpr ServerIndex kMaxServerIndex = (1u << 20) - 1;

inline constexpr std::uint32_t kMinTableSize = 1u << SHOAL_MIN_TABLE_BITS;
inline constexpr std::uint32_t kMaxTableSize = 1u << SHOAL_MAX_TABLE_BITS;
inline constexpr std::uint32_t kDefaultTableSize = 1u << SHOAL_DEFAULT_TABLE_BITS;

// Injected by the caller; the builder never reads a clock.
using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

enum class ServerState : std::uint8_t {
    active,    // takes its weight's share
    draining,  // keeps established flows, gets no share; its buckets leave as the guard allows
    down,      // gone: its buckets leave at once and it is never a second hop
};

std::string_view to_string(ServerState state);
ServerState server_state_from_string(std::string_view text);  // throws TableError

struct Server {
    ServerIndex index = 0;  // the data plane's server index; stable identity
    std::string name;
    std::uint32_t weight = 0;
    ServerState state = ServerState::active;
};

struct Bucket {
    ServerIndex first_hop = kNoServer;
    ServerIndex second_hop = kNoServer;
    TimePoint changed{};  // when first_hop last changed

    friend bool operator==(const Bucket&, const Bucket&) = default;
};

using Table = std::vector<Bucket>;

struct BuildOptions {
    // A bucket whose first hop changed less than this ago, and whose second hop still
    // names a live server, may not change again: the second hop remembers one owner only.
    std::chrono::milliseconds chain_window = std::chrono::minutes(10);
    // Past the chain window, a bucket whose live second hop still reports connections in it
    // (BuildInput::second_hop_busy) stays until they end, but at most this long after its
    // last change: a connection that never ends must not pin a drain for ever.
    std::chrono::milliseconds chain_hold_max = std::chrono::hours(1);
    // Ordinary moves per build; moves off down or removed servers are never held back.
    std::optional<std::uint64_t> max_moves{};
};

struct BuildInput {
    std::uint32_t buckets = kDefaultTableSize;  // power of two, kMinTableSize..kMaxTableSize
    std::span<const Server> servers;            // any order; indexes unique
    const Table* previous = nullptr;            // nullptr: first table
    TimePoint now{};
    BuildOptions options{};
    // Per bucket of `previous`: nonzero when its second hop reports connections in it (the
    // agents' second_hop_busy). Empty: nothing reported, only the chain window guards.
    std::span<const std::uint8_t> second_hop_busy{};
};

class TableError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::table
