// SPDX-License-Identifier: MIT
// The four load modes as coroutines. A held mode runs one coroutine per connection or session;
// a short mode runs `concurrency` workers that take indices from the context until none remain.
#pragma once

#include <cstdint>

#include "common/asio.h"
#include "loadgen/run_context.h"

namespace shoal::tools {

asio::awaitable<void> hold_tcp_connection(RunContext& context, std::uint64_t id);
asio::awaitable<void> run_short_tcp_worker(RunContext& context);
asio::awaitable<void> hold_udp_session(RunContext& context, std::uint64_t id);
asio::awaitable<void> run_short_udp_worker(RunContext& context);

}  // namespace shoal::tools
