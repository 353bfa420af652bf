// SPDX-License-Identifier: MIT
#pragma once
// The control API's routes (docs/api.md) over the daemon's roles, and the server that
// serves them on the configured Unix socket (and TCP address, if any).

#include <boost/asio/io_context.hpp>
#include <memory>

#include "api/router.h"

namespace shoal::api {
class ApiServer;
}

namespace shoal::daemon {

class Daemon;

api::Router make_router(Daemon& daemon);
// Listening already; throws ServerError naming the socket path when it cannot.
std::unique_ptr<api::ApiServer> make_api_server(boost::asio::io_context& io, Daemon& daemon);

}  // namespace shoal::daemon
