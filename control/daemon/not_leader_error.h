// SPDX-License-Identifier: MIT
#pragma once
// A follower's refusal of an operator command (cluster mode). Besides the message it names,
// for clients to act on, the leader (its conductor_identity(): {"name", "socket", "tcp"},
// null during an election) and the conductor that refused: the API answers 409 with both
// next to "error", and shoalctl sends the command on to the leader's TCP address.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "daemon/conductor.h"

namespace shoal::daemon {

class NotLeaderError : public OperatorError {
  public:
    NotLeaderError(const std::string& message, nlohmann::json leader, std::string conductor)
        : OperatorError(Kind::refused, message),
          leader_(std::move(leader)),
          conductor_(std::move(conductor)) {}

    // {"leader": {...} or null, "conductor": "conductor@ctl-1/811"}: what the 409 adds.
    nlohmann::json fields() const { return {{"leader", leader_}, {"conductor", conductor_}}; }

  private:
    nlohmann::json leader_;
    std::string conductor_;
};

}  // namespace shoal::daemon
