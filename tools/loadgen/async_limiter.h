// SPDX-License-Identifier: MIT
// At most `limit` holders at once among coroutines of one single-threaded io_context;
// waiters are woken in FIFO order.
#pragma once

#include <cstddef>

#include "common/asio.h"

namespace shoal::tools {

class AsyncLimiter {
  public:
    AsyncLimiter(asio::any_io_executor executor, std::size_t limit);

    asio::awaitable<void> acquire();
    void release();

  private:
    asio::steady_timer wake_;  // never expires; cancel_one() wakes one waiter
    std::size_t limit_;
    std::size_t in_use_ = 0;
};

}  // namespace shoal::tools
