// SPDX-License-Identifier: MIT
// Ends a transfer that stopped moving: every 100 ms it reads `progress()` (bytes moved so far);
// when that has not grown for `stall`, or `deadline` has come, it cancels the socket's pending
// operations (they complete with operation_aborted) and says which of the two fired. Like
// CancelAfter it only acts while alive, so it never touches the socket after the transfer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "common/asio.h"

namespace shoal::tools {

class ProgressWatch {
  public:
    using Clock = std::chrono::steady_clock;

    ProgressWatch(asio::ip::tcp::socket& socket, std::function<std::uint64_t()> progress,
                  std::chrono::milliseconds stall, Clock::time_point deadline)
        : state_(std::make_shared<State>(socket, std::move(progress), stall, deadline)) {
        state_->last_change = Clock::now();
        arm(state_);
    }
    ~ProgressWatch() {
        state_->active = false;
        state_->timer.cancel();
    }
    ProgressWatch(const ProgressWatch&) = delete;
    ProgressWatch& operator=(const ProgressWatch&) = delete;

    bool stalled() const { return state_->stalled; }
    bool deadline_hit() const { return state_->deadline_hit; }

  private:
    struct State {
        State(asio::ip::tcp::socket& s, std::function<std::uint64_t()> p, std::chrono::milliseconds st,
              Clock::time_point d)
            : socket(s), progress(std::move(p)), stall(st), deadline(d), timer(s.get_executor()) {}
        asio::ip::tcp::socket& socket;
        std::function<std::uint64_t()> progress;
        std::chrono::milliseconds stall;
        Clock::time_point deadline;
        asio::steady_timer timer;
        Clock::time_point last_change;
        std::uint64_t last = 0;
        bool active = true;
        bool stalled = false;
        bool deadline_hit = false;
    };

    static void arm(const std::shared_ptr<State>& state) {
        state->timer.expires_after(std::chrono::milliseconds(100));
        state->timer.async_wait([state](boost::system::error_code ec) {
            if (ec || !state->active) return;
            const auto now = Clock::now();
            if (const auto moved = state->progress(); moved != state->last) {
                state->last = moved;
                state->last_change = now;
            }
            state->stalled = now - state->last_change >= state->stall;
            state->deadline_hit = !state->stalled && now >= state->deadline;
            if (state->stalled || state->deadline_hit) {
                state->socket.cancel(ec);
                return;
            }
            arm(state);
        });
    }

    std::shared_ptr<State> state_;
};

}  // namespace shoal::tools
