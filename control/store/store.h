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

namespace shoal::config {
struct StoreConfig;
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
    bool pointer_unreadable() const noexcept {
        return current_generation == 0 && !problems.empty();
    }
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

// The StoreWatch of a store whose watching runs in a Worker (with start() and stop()) that
// its pending handlers or its thread share: destroying the watch stops the worker, and no
// callback runs after that.
template <class Worker>
class WorkerWatch final : public StoreWatch {
  public:
    explicit WorkerWatch(std::shared_ptr<Worker> worker) : worker_(std::move(worker)) {
        worker_->start();
    }
    ~WorkerWatch() override { worker_->stop(); }

  private:
    std::shared_ptr<Worker> worker_;
};

class Store {
  public:
    virtual ~Store() = default;

    // Makes `snapshot` the current generation, atomically: readers see the old one or the
    // new one, never a mix. Throws StaleGenerationError unless its generation is above the
    // current one, StoreError when it is invalid (snapshot_problems) or cannot be written.
    virtual void publish(const Snapshot& snapshot) = 0;

    // The current generation; never throws for a bad generation (see ReadResult::problems):
    // when it does not verify, the snapshot is the one fall_back() picks.
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

// What every publish() checks first: throws StoreError ("STORE: refused to publish generation
// N: PROBLEM") when `snapshot` breaks a rule of snapshot_problems().
void check_publishable(const Store& store, const Snapshot& snapshot);

// Opens the store the config names (the file store or etcd). Throws StoreError when it
// cannot be opened.
std::unique_ptr<Store> open_store(const config::StoreConfig& config);

// Every generation the store retains, in any order; throws StoreError when it cannot list them.
using GenerationList = std::function<std::vector<std::uint64_t>()>;
// The generation verified, or null when it is gone; throws StoreError when it fails to verify.
using GenerationLoad = std::function<std::shared_ptr<const Snapshot>(std::uint64_t generation)>;

// What read() returns when the current generation (result.current_generation) failed to
// verify, part of the Store contract: the newest older generation that verifies, never one
// above the pointer (written, but its publish never completed) and never older than
// `last_good`, the last good snapshot the store returned (kept when nothing newer verifies).
// Sets result.snapshot and last_good; adds why generations were passed over to
// result.problems.
void fall_back(ReadResult& result, std::shared_ptr<const Snapshot>& last_good,
               const GenerationList& list, const GenerationLoad& load);

}  // namespace shoal::store
