// SPDX-License-Identifier: MIT
// Boost.Asio for the lab tools. Boost 1.74's awaitable.hpp uses std::exchange without including
// <utility>, so every tool includes Asio through this header.
#pragma once

// clang-format off
#include <utility>  // first: see above
#include <boost/asio.hpp>
// clang-format on

namespace shoal::tools {
namespace asio = boost::asio;
}  // namespace shoal::tools
