// SPDX-License-Identifier: MIT
// A real ApiServer on a temp Unix socket, its io_context run by a thread of its own, for
// tests that talk to it from the test thread or from a subprocess (curl, shoalctl).
#pragma once

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "api/api_server.h"
#include "api/router.h"
#include "support/temp_dir.h"

namespace shoal::test {

class ServerThread {
  public:
    explicit ServerThread(api::Router router, api::ApiServerOptions options = {});
    ~ServerThread();  // stops the server on its thread, then joins
    ServerThread(const ServerThread&) = delete;
    ServerThread& operator=(const ServerThread&) = delete;

    const std::filesystem::path& socket_path() const noexcept { return socket_path_; }
    // Runs fn on the server's thread and waits for it (stop(), listen_tcp(), inspections).
    void run_on_server(const std::function<void(api::ApiServer&)>& fn);

  private:
    TempDir dir_;
    std::filesystem::path socket_path_;
    boost::asio::io_context io_;
    std::unique_ptr<api::ApiServer> server_;
    std::thread thread_;
};

}  // namespace shoal::test
