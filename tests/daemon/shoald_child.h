// SPDX-License-Identifier: MIT
#pragma once
// The shoalds the daemon tests run, on a DaemonProcess (killed when the object goes, and if
// the test process dies): a ShoaldChild needs no namespace (conductor-only daemons on etcd);
// an AgentNamespace is the throwaway place an agent-role shoald attaches XDP in.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/api_client.h"
#include "netns/netns.h"
#include "netns/test_bpffs.h"
#include "netns/veth_pair.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

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

// A namespace NAME with a veth lb0 (198.18.0.1/24) for XDP, a private bpffs, a temp dir for
// the config (DIR/shoal.json) and control socket (DIR/shoald.sock), and an sd_notify
// listener. Everything is removed when it goes, also after a failure.
struct AgentNamespace {
    explicit AgentNamespace(const std::string& name);

    std::string pin_dir() const { return bpffs.subdir("shoal"); }
    std::string config_path() const { return (dir / "shoal.json").string(); }
    std::string socket() const { return (dir / "shoald.sock").string(); }
    // The config's "agent": server srv1 on lb0, pinning under pin_dir(), reporting every 200ms.
    nlohmann::json agent_section() const;
    void write_config(const nlohmann::json& config) const;
    // shoald --config DIR/shoal.json inside the namespace, with NOTIFY_SOCKET and `env` set.
    std::unique_ptr<DaemonProcess> start(std::map<std::string, std::string> env = {}) const;
    api::ApiClient client(std::chrono::milliseconds timeout) const;

    TestBpffs bpffs;
    Netns ns;
    VethPair veth;
    TempDir tmp;
    std::filesystem::path dir = tmp.path();
    NotifyListener notify;
};

// The config's "store" for etcd at `url` under `prefix`, with `more` fields ("lease_ttl", ...).
nlohmann::json etcd_store_section(const std::string& url, const std::string& prefix,
                                  const nlohmann::json& more);

// The config's "conductor" of a shoald in `dir`: its state file there, tables rebuilt
// every 200ms.
nlohmann::json conductor_section(const std::filesystem::path& dir);

// The fleet section these tests share: servers srv1..srvN (index K-1, dip4 198.18.0.K) and
// one TCP service "web" on 198.18.100.1:80 over all of them.
nlohmann::json small_fleet(int servers, int table_bits);

// GET /metrics on 127.0.0.1:port (in the calling thread's namespace): the HTTP status, the body.
std::pair<unsigned, std::string> scrape_metrics(std::uint16_t port);

}  // namespace shoal::test
