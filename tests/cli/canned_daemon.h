// SPDX-License-Identifier: MIT
// A stand-in for shoald's control API: a real ApiServer on a temp socket whose handlers
// serve the documented answers (canned_answers.h) with just enough state for shoalctl's
// verbs — drain flips a server to draining, and its established count then falls poll by
// poll along a scripted countdown.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/router.h"
#include "server_thread.h"

namespace shoal::test {

struct RecordedRequest {
    std::string method;
    std::string target;
    nlohmann::json body;
};

class CannedDaemon {
  public:
    CannedDaemon();
    ~CannedDaemon();

    std::string socket() const { return server_->socket_path().string(); }
    // Also listens on a free loopback TCP port; returns "127.0.0.1:PORT".
    std::string listen_tcp();

    // What srv2 reports as "established" on each status poll after its drain; the last
    // value repeats. Before the drain it reports 12.
    void set_drain_countdown(std::vector<std::uint64_t> counts);
    // Undrains srv2 by itself once this many status polls have been answered.
    void undrain_after_polls(int polls);
    // Makes POST /v1/reload answer 409 with these problems (one per line).
    void refuse_reload(std::string problems);
    // Makes GET /v1/status never answer (a hung daemon).
    void hang_status();
    // Makes it a follower conductor named `name`: drain, undrain and weight answer 409 with
    // the leader's identity (null: an election is under way), as shoald in cluster mode does.
    void refuse_as_follower(std::string name, nlohmann::json leader);

    std::vector<RecordedRequest> requests() const;
    int status_polls() const;

  private:
    struct State;
    api::Router make_router();

    std::shared_ptr<State> state_;
    std::unique_ptr<ServerThread> server_;
};

}  // namespace shoal::test
