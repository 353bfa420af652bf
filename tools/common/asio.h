// SPDX-License-Identifier: MIT
// Boost.Asio for the lab tools. Boost 1.74's awaitable.hpp uses std::exchange without including
// <utility>, so every tool includes Asio through this header.
#pragma once

#include <utility>

#include <boost/asio.hpp>

namespace shoal::tools {
namespace asio = boost::asio;
}  // namespace shoal::tools
