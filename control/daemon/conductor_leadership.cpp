// SPDX-License-Identifier: MIT
// The conductor's side of leader election (cluster_role.h): taking over continues from the
// stored tables and operator state, never from a fresh build.
#include "daemon/conductor.h"
#include "log/logger.h"
#include "store/etcd_store.h"

namespace shoal::daemon {

void Conductor::set_clustered() {
    cluster_.clustered = true;
    cluster_.leadership = {};  // nobody leads until the election says so
}

void Conductor::set_leadership(const store::Leadership& leadership) {
    if (stopped_) return;
    const auto before = cluster_.leadership;
    const bool was_leading = before.leading;
    cluster_.leadership = leadership;
    if (leadership.etcd_reachable != before.etcd_reachable) {
        if (!leadership.etcd_reachable)
            log::error("store_unreachable", {{"store", store_.describe()},
                                             {"error", leadership.etcd_error},
                                             {"msg", "not publishing until etcd answers again"}});
        else
            log::info("store_reachable", {{"store", store_.describe()}});
    }
    if (leadership.leading == was_leading) return;
    cluster_.synced = false;
    if (!leadership.leading) {
        log::warn("leadership_lost", {{"leader", leadership.leader.dump()},
                                      {"msg", "stopped publishing; another conductor leads"}});
        return;
    }
    log::info("leadership_taken", {{"publisher", publisher_}});
    if (sync_from_store()) rebuild("elected leader");
}

bool Conductor::ready_to_publish() {
    if (!cluster_.clustered) return true;
    if (!cluster_.leadership.leading) return false;
    if (cluster_.synced) return true;
    // What this publish was built from may predate the takeover: build again from the store
    // (not while etcd is known to be away: the read would wait for it on the event loop).
    if (!etcd_known_unreachable(false) && sync_from_store()) rebuild("elected leader");
    return false;
}

bool Conductor::etcd_reachable() const {
    if (!cluster_.clustered) return true;  // the file store: a local directory
    // Two connections to etcd: the election's (every lease_ttl/3) and the store's (background
    // reads every check_interval, publishes). Either one's last call failing means it is away.
    const auto* etcd = dynamic_cast<const store::EtcdStore*>(&store_);
    return cluster_.leadership.etcd_reachable && (!etcd || etcd->health().reachable);
}

bool Conductor::sync_from_store() {
    // Elected: what the previous leader published is the truth, tables and operator state.
    // Publishing before reading it would reshuffle, so an unreadable store means waiting.
    auto read = store_.read();
    for (const auto& problem : read.problems) log::warn("store_problem", {{"problem", problem}});
    if (read.pointer_unreadable()) return false;
    current_ = read.snapshot;
    if (current_) {
        state_ = current_->operator_state;
        try {
            state_file_.save(state_);
        } catch (const std::exception& e) {
            log::warn("operator_state_not_saved", {{"error", e.what()}});
        }
    }
    cluster_.synced = true;
    log::info("leader_synced",
              {{"generation", generation()}, {"drained", state_.drained().size()}});
    return true;
}

}  // namespace shoal::daemon
