// SPDX-License-Identifier: MIT
// Cancels a socket's pending operations if they have not finished within a time limit:
// the operation then completes with operation_aborted and fired() tells a timeout from other
// aborts. Only cancels while the guard is alive, so a late timer never hits the next operation.
#pragma once

#include <chrono>
#include <memory>

#include "common/asio.h"

namespace shoal::tools {

template <class Socket>
class CancelAfter {
  public:
    CancelAfter(Socket& socket, std::chrono::milliseconds limit)
        : timer_(socket.get_executor(), limit), state_(std::make_shared<State>()) {
        timer_.async_wait([&socket, state = state_](boost::system::error_code ec) {
            if (ec || !state->active) return;
            state->fired = true;
            socket.cancel(ec);
        });
    }
    ~CancelAfter() {
        state_->active = false;
        timer_.cancel();
    }
    CancelAfter(const CancelAfter&) = delete;
    CancelAfter& operator=(const CancelAfter&) = delete;

    bool fired() const { return state_->fired; }

  private:
    struct State {
        bool active = true;
        bool fired = false;
    };
    asio::steady_timer timer_;
    std::shared_ptr<State> state_;
};

}  // namespace shoal::tools
