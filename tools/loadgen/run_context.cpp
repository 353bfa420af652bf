// SPDX-License-Identifier: MIT
#include "loadgen/run_context.h"

#include <fmt/format.h>

namespace shoal::tools {

RunContext::RunContext(asio::io_context& io, const LoadOptions& options, LoadReport& report)
    : io_(io),
      options_(options),
      report_(report),
      connect_limiter_(io.get_executor(), options.connect_concurrency),
      start_(Clock::now()),
      end_(start_ + options.duration) {}

double RunContext::elapsed_s() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
}

std::optional<std::uint64_t> RunContext::take_next() {
    if (stopping() || next_index_ >= options_.connections) return std::nullopt;
    return next_index_++;
}

asio::awaitable<bool> RunContext::wait_for_next(asio::steady_timer& pace, Clock::time_point& next) {
    next += options_.interval;
    if (stopping() || next >= end_) co_return false;
    pace.expires_at(next);
    boost::system::error_code ignored;  // the timer is never cancelled
    co_await pace.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    co_return !stopping();
}

asio::ip::address RunContext::source_for(std::uint64_t index) const {
    if (options_.sources) return options_.sources->at(index);
    if (options_.target.address.is_v6()) return asio::ip::address_v6::any();
    return asio::ip::address_v4::any();
}

std::string RunContext::message(char kind, std::uint64_t id, std::uint64_t seq) const {
    std::string text = fmt::format("{}{} s{}", kind, id, seq);
    if (text.size() + 1 < options_.message_size)
        text += " " + std::string(options_.message_size - text.size() - 1, 'x');
    return text;
}

}  // namespace shoal::tools
