// SPDX-License-Identifier: MIT
#pragma once
// A copy of what the store holds, read on a StoreWorker so the event loop never waits on
// etcd: the agents' reports and, when asked, the current generation (what a conductor that
// does not publish shows). Rebuilds, load rounds, status, plan and metrics read the copy,
// which is at most one refresh old; a refresh that fails keeps its error for them to show.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"
#include "store/store_worker.h"

namespace shoal::daemon {

class StoreMirror {
  public:
    struct Options {
        std::chrono::milliseconds interval{1000};  // store.check_interval
        // true: refresh every interval (a conductor). false: only when touch()ed and the copy
        // is older than interval (an agent's status), so idle agents add no etcd traffic.
        bool periodic = true;
        bool read_current = false;  // also mirror Store::read()
    };

    StoreMirror(boost::asio::io_context& io, store::Store& store, store::StoreWorker& worker,
                Options options);

    // Reads the reports once on the calling thread, before the event loop serves (start-up
    // may wait on etcd; nothing else does). `current` seeds the copy of the generation.
    void load_now(store::ReadResult current);
    // Starts refreshing in the background: at once, then every interval when periodic.
    void start();
    void stop();
    // A reader is about to use the copy: refreshes it in the background when it is older than
    // the interval and no refresh is under way.
    void touch();
    void set_read_current(bool on) { options_.read_current = on; }

    const store::ReportsResult& reports() const noexcept { return reports_; }
    // What the last refresh of the reports threw (empty when it returned).
    const std::string& reports_error() const noexcept { return reports_error_; }
    const store::ReadResult& current() const noexcept { return current_; }
    std::uint64_t refreshes() const noexcept { return refreshes_; }  // completed ones

  private:
    struct Copy {
        store::ReportsResult reports;
        std::string reports_error;
        std::optional<store::ReadResult> current;
    };

    void refresh();
    void schedule();
    void take(store::StoreOutcome<Copy> outcome);

    store::Store& store_;
    store::StoreWorker& worker_;
    Options options_;
    boost::asio::steady_timer timer_;
    store::ReportsResult reports_;
    std::string reports_error_;
    store::ReadResult current_;
    std::chrono::steady_clock::time_point refreshed_at_{};
    std::uint64_t refreshes_ = 0;
    bool refreshing_ = false;  // submitted, its answer not back yet
    bool stopped_ = false;
};

}  // namespace shoal::daemon
