// SPDX-License-Identifier: MIT
// A real etcd for tests: one member on 127.0.0.1 with free ports and a data directory of its
// own, killed (and the directory removed) when the object goes, also when a test fails;
// PR_SET_PDEATHSIG kills it if the test process dies first.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "config/etcd_config.h"
#include "support/temp_dir.h"

namespace shoal::test {

struct EtcdTlsFiles {
    std::filesystem::path ca;    // signed both certificates; the member trusts it for clients
    std::filesystem::path cert;  // the member's certificate, for 127.0.0.1
    std::filesystem::path key;
    std::filesystem::path client_cert;  // a client certificate the member accepts
    std::filesystem::path client_key;
};

class EtcdServer {
  public:
    // Starts it and waits until it answers; throws std::runtime_error (with its log) if not.
    explicit EtcdServer(std::optional<EtcdTlsFiles> tls = std::nullopt);
    ~EtcdServer();
    EtcdServer(const EtcdServer&) = delete;
    EtcdServer& operator=(const EtcdServer&) = delete;

    config::EtcdEndpoint endpoint() const;
    // A store config talking to this member only, with short timings for tests.
    config::EtcdConfig store_config(std::string prefix) const;

    void kill();     // SIGKILL, keeping the data: an outage
    void restart();  // the same ports and data, after kill()
    bool running() const noexcept { return pid_ > 0; }
    std::string log_tail() const;

  private:
    void launch();
    void wait_ready();

    TempDir dir_;
    std::optional<EtcdTlsFiles> tls_;
    std::uint16_t client_port_ = 0;
    std::uint16_t peer_port_ = 0;
    pid_t pid_ = -1;
};

// One server shared by the tests of this process that do not stop it (each uses its own key
// prefix); started on first use.
EtcdServer& shared_etcd();

// A key prefix no other test in this process uses: "/test-<n>".
std::string unique_prefix();

// A free TCP port on 127.0.0.1 (bound, read and released).
std::uint16_t free_port();

}  // namespace shoal::test
