// SPDX-License-Identifier: MIT
#include "loadgen/run_control.h"

#include <iostream>

namespace shoal::tools {

RunControl::RunControl(RunContext& context)
    : context_(context),
      signals_(context.io(), SIGTERM, SIGINT, SIGUSR1),
      progress_timer_(context.io()),
      deadline_timer_(context.io()) {}

void RunControl::start() {
    deadline_timer_.expires_at(context_.start() + context_.options().hard_deadline());
    deadline_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || finished_) return;
        std::cerr << "shoal-loadgen: hard deadline of "
                  << context_.options().hard_deadline().count() << " ms reached, stopping\n";
        deadline_hit_ = true;
        hard_stop();
    });
    wait_signal();
    if (context_.options().progress) wait_progress();
}

void RunControl::finish() {
    finished_ = true;
    boost::system::error_code ignored;  // cancelling cannot fail in a way we could act on
    signals_.cancel(ignored);
    progress_timer_.cancel();
    deadline_timer_.cancel();
}

void RunControl::hard_stop() {
    stopped_hard_ = true;
    finish();
    context_.io().stop();
}

void RunControl::wait_signal() {
    signals_.async_wait([this](boost::system::error_code ec, int signal) {
        if (ec || finished_) return;
        if (signal == SIGUSR1) {
            std::cerr << context_.report().to_json(context_.elapsed_s(), true).dump() << "\n";
        } else if (!context_.stop_requested()) {
            std::cerr << "shoal-loadgen: signal " << signal << ", finishing current exchanges\n";
            context_.request_stop();
        } else {
            std::cerr << "shoal-loadgen: second signal " << signal << ", stopping now\n";
            hard_stop();
            return;
        }
        wait_signal();
    });
}

void RunControl::wait_progress() {
    progress_timer_.expires_after(std::chrono::seconds(1));
    progress_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || finished_) return;
        std::cerr << context_.report().progress_line(context_.elapsed_s()) << "\n";
        wait_progress();
    });
}

}  // namespace shoal::tools
