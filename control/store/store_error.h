// SPDX-License-Identifier: MIT
// How store operations fail, told apart because callers react differently: a stale publish
// lost a race, an unreachable etcd is waited out (keep the last state, retry), a refused
// request is a bug or a misconfiguration, and NotLeaderError means this conductor does not
// lead (a fenced publish refused, or an operator command sent to a follower).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace shoal::store {

// A store operation that failed; the message names the store, the file or key, and why.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// publish() of a generation that is not above the store's current one: another conductor
// (or an older copy of this one) got there first.
class StaleGenerationError : public StoreError {
  public:
    StaleGenerationError(std::uint64_t refused, std::uint64_t current);
    std::uint64_t refused() const noexcept { return refused_; }
    std::uint64_t current() const noexcept { return current_; }

  private:
    std::uint64_t refused_;
    std::uint64_t current_;
};

// No etcd member answered (connect, TLS or I/O failure, timeout, or every member said it is
// unavailable); the message lists each endpoint and why.
class EtcdUnavailableError : public StoreError {
  public:
    using StoreError::StoreError;
};

// An etcd member answered with an error (bad request, permission, too large, ...).
class EtcdRequestError : public StoreError {
  public:
    using StoreError::StoreError;
};

// This conductor does not lead (cluster mode): the store refused a publish because the fence
// (the leader key held under this conductor's lease) no longer holds, or a follower refused
// an operator command (daemon/cluster_role.h). The latter names, for clients to act on, the
// leader (its conductor_identity(): {"name", "socket", "tcp"}, null during an election) and
// the conductor that refused: the API answers 409 with both next to "error", and shoalctl
// sends the command on to the leader's TCP address.
class NotLeaderError : public StoreError {
  public:
    explicit NotLeaderError(const std::string& message, nlohmann::json leader = nullptr,
                            std::string conductor = {})
        : StoreError(message), leader_(std::move(leader)), conductor_(std::move(conductor)) {}

    // {"leader": {...} or null, "conductor": "conductor@ctl-1/811"}: what the 409 adds.
    nlohmann::json fields() const { return {{"leader", leader_}, {"conductor", conductor_}}; }

  private:
    nlohmann::json leader_;
    std::string conductor_;
};

}  // namespace shoal::store
