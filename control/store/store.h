// SPDX-License-Identifier: MIT
// The store between the conductor and the agents, kept narrow so an etcd store (issue 7) can
// implement it too: publish a generation, read the current one, watch for new ones, and
// carry the agents' reports back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/agent_report.h"
#include "store/snapshot.h"
#include "store/store_error.h"

namespace boost::asio {
class io_context;
}

namespace shoal::store {

struct ReadResult {
    // The newest snapshot that verified, at or below current_generation; null when none.
    std::shared_ptr<const Snapshot> snapshot;
    // What the store's pointer names (0: nothing published, or the pointer is unreadable,
    // which problems then says). Above snapshot->generation when that generation failed to
    // verify.
    std::uint64_t current_generation = 0;
    // Why newer generations were passed over (corrupt, torn, unreadable), one per line.
    std::vector<std::string> problems;

    bool is_current() const noexcept {
        return snapshot && snapshot->generation == current_generation;
    }
    // The pointer itself could not be read (etcd away, most likely): nothing says what is
    // current, so nothing should be built or published on this read.
    bool pointer_unreadable() const noexcept { return current_generation == 0 && !problems.empty(); }
};

struct ReportsResult {
    std::vector<AgentReport> reports;   // by server name
    std::vector<std::string> problems;  // reports that could not be read, and why
};

// Called on the io_context's thread: once with the current state, then whenever the
// current generation, the snapshot returned or its problems change.
using WatchCallback = std::function<void(const ReadResult&)>;

// Watching stops when this is destroyed.
class StoreWatch {
  public:
    virtual ~StoreWatch() = default;
};

class Store {
  public:
    virtual ~Store() = default;

    // Makes `snapshot` the current generation, atomically: readers see the old one or the
    // new one, never a mix. Throws StaleGenerationError unless its generation is above the
    // current one, StoreError when it is invalid (snapshot_problems) or cannot be written.
    virtual void publish(const Snapshot& snapshot) = 0;

    // The current generation; never throws for a bad generation (see ReadResult::problems).
    virtual ReadResult read() = 0;

    // An earlier generation still retained (`shoalctl table --diff GEN`); null when it is
    // not. Throws StoreError when it is retained but fails to verify.
    virtual std::shared_ptr<const Snapshot> read_generation(std::uint64_t generation) = 0;

    // Generations retained, oldest first.
    virtual std::vector<std::uint64_t> generations() = 0;

    // Replaces the agent's previous report. Throws StoreError.
    virtual void put_report(const AgentReport& report) = 0;
    virtual ReportsResult read_reports() = 0;

    // Starts watching on `io`; the store must outlive the returned watch.
    virtual std::unique_ptr<StoreWatch> watch(boost::asio::io_context& io,
                                              WatchCallback on_change) = 0;

    // For messages: "file store /var/lib/shoal/store".
    virtual std::string describe() const = 0;
};

}  // namespace shoal::store
