// SPDX-License-Identifier: MIT
#pragma once
// A shoald run by a test that needs no namespace (conductor-only daemons on etcd), on a
// DaemonProcess: its config written to DIR/shoal.json, its control socket DIR/shoald.sock.
// Killed when the object goes, and if the test process dies.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/api_client.h"
#include "daemon_process.h"

namespace shoal::test {

class ShoaldChild {
  public:
    ShoaldChild(const std::filesystem::path& dir, const nlohmann::json& config,
                std::chrono::milliseconds client_timeout = std::chrono::seconds(3));

    // Sends `signal`; SIGKILL also reaps it, after which alive() is false.
    void kill(int signal);
    // SIGTERM; the exit status (128+signal when killed), or -1 when it has not exited by the
    // deadline.
    int terminate(std::chrono::milliseconds deadline);
    bool alive() const noexcept { return !exited_; }

    std::string socket() const { return (dir_ / "shoald.sock").string(); }
    api::ApiClient client() const;
    std::optional<nlohmann::json> status() const;  // GET /v1/status, nullopt when it fails
    std::string log() const;

  private:
    std::filesystem::path dir_;
    std::chrono::milliseconds client_timeout_;
    std::unique_ptr<DaemonProcess> process_;
    bool exited_ = false;  // reaped: its pid may belong to another process now
};

// The fleet section these tests share: servers srv1..srvN (index K-1, dip4 198.18.0.K) and
// one TCP service "web" on 198.18.100.1:80 over all of them.
nlohmann::json small_fleet(int servers, int table_bits);

// GET /metrics on 127.0.0.1:port (in the calling thread's namespace): the HTTP status, the body.
std::pair<unsigned, std::string> scrape_metrics(std::uint16_t port);

}  // namespace shoal::test
