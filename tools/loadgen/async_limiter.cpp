// SPDX-License-Identifier: MIT
#include "loadgen/async_limiter.h"

namespace shoal::tools {

AsyncLimiter::AsyncLimiter(asio::any_io_executor executor, std::size_t limit)
    : wake_(executor, asio::steady_timer::time_point::max()), limit_(limit == 0 ? 1 : limit) {}

asio::awaitable<void> AsyncLimiter::acquire() {
    while (in_use_ >= limit_) {
        boost::system::error_code woken;  // operation_aborted is the wake-up
        co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, woken));
    }
    ++in_use_;
}

void AsyncLimiter::release() {
    --in_use_;
    wake_.cancel_one();
}

}  // namespace shoal::tools
