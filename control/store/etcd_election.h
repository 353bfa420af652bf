// SPDX-License-Identifier: MIT
// Leader election among conductors on etcd: each holds a lease and tries a transaction that
// creates P/leader under it only when the key is absent. The holder keeps its lease alive;
// when it dies the lease expires, the key goes with it and the next campaigner wins. While
// leading, the store's publishes are fenced by that lease (EtcdStore::set_fence), so a
// deposed leader's late write is refused by etcd itself. Runs on a thread of its own (etcd
// calls block) and reports each change on the caller's io_context.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "store/etcd_client.h"

namespace boost::asio {
class io_context;
}

namespace shoal::store {

class EtcdStore;

struct Leadership {
    bool leading = false;
    std::int64_t lease = 0;  // ours, while leading
    nlohmann::json leader;   // what the leader wrote into P/leader; null: none
    bool etcd_reachable = false;
    std::string etcd_error;  // why etcd could not be reached, when it could not
    TimePoint since{};       // when `leading` last changed
    bool operator==(const Leadership&) const = default;
};

using LeadershipCallback = std::function<void(const Leadership&)>;

class LeaderElection {
  public:
    // `identity` is what followers and operators see of this conductor (name, addresses).
    // Until the first callback says otherwise this conductor does not lead, and the store's
    // publishes are refused.
    LeaderElection(boost::asio::io_context& io, EtcdStore& store, nlohmann::json identity,
                   LeadershipCallback on_change);
    // Steps down: revokes the lease so another conductor takes over at once. No callback runs
    // after it; call it on the io_context's thread.
    ~LeaderElection();
    LeaderElection(const LeaderElection&) = delete;
    LeaderElection& operator=(const LeaderElection&) = delete;

  private:
    class Worker;
    std::shared_ptr<Worker> worker_;
};

}  // namespace shoal::store
