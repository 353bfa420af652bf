// SPDX-License-Identifier: MIT
// Everything that ends or reports on a run from outside the connections: the hard deadline,
// progress lines, and signals. SIGUSR1 prints an interim JSON report line to stderr; SIGTERM or
// SIGINT stops gracefully (current exchanges finish, connections close, final report), a
// second one stops at once.
#pragma once

#include "common/asio.h"
#include "loadgen/run_context.h"

namespace shoal::tools {

class RunControl {
  public:
    explicit RunControl(RunContext& context);

    void start();
    // All connections have finished: cancel the timers and signals so io_context::run returns.
    void finish();
    bool deadline_hit() const { return deadline_hit_; }
    bool stopped_hard() const { return stopped_hard_; }  // deadline or a second signal

  private:
    void wait_signal();
    void wait_progress();
    void hard_stop();

    RunContext& context_;
    asio::signal_set signals_;
    asio::steady_timer progress_timer_;
    asio::steady_timer deadline_timer_;
    bool deadline_hit_ = false;
    bool stopped_hard_ = false;
    bool finished_ = false;
};

}  // namespace shoal::tools
