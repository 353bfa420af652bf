// SPDX-License-Identifier: MIT
// The conductor's publish: a new generation to the store, on the event loop.
//
// Why it stays synchronous when every read moved to the background (store_mirror.h): an
// operator command (drain, weight...) answers with the generation that carries its change, or
// is refused, from the call's own return (api_routes.cpp); and each build starts from the
// generation the last publish made, so a publish still in flight would have to hold every
// later build back. What keeps it from stalling the loop instead is that it does not touch
// etcd when etcd is already known to be away: the election (its own thread) saw it
// unreachable, or, for the builds nobody waits on (health changes, timer, load rounds), this
// store's last request did (the mirror refreshes every check_interval). A skipped publish is
// not lost: the next rebuild (rebuild_interval) finds the table still differs and publishes.
// What is left: the first publish after etcd goes dark, before anything noticed, and any
// publish to an etcd that is slow but answering, wait for etcd (request_timeout per member).
#include <fmt/format.h>

#include "daemon/conductor.h"
#include "log/logger.h"

namespace shoal::daemon {

bool Conductor::etcd_known_unreachable(bool operator_waits) const {
    // The operator waits anyway: try unless the election (every lease_ttl/3) found etcd away.
    if (operator_waits) return cluster_.clustered && !cluster_.leadership.etcd_reachable;
    return !etcd_reachable();
}

void Conductor::publish(store::Snapshot next, std::string_view reason, bool operator_waits) {
    if (!ready_to_publish()) return;  // cluster mode: followers never publish
    if (etcd_known_unreachable(operator_waits)) {
        if (!publish_deferred_)
            log::warn("publish_deferred",
                      {{"store", store_.describe()},
                       {"reason", std::string(reason)},
                       {"msg", "etcd is unreachable; publishing once it answers again"}});
        publish_deferred_ = true;
        return;
    }
    publish_deferred_ = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto latest = store_.read();
        if (latest.pointer_unreadable() && !etcd_reachable()) {
            // etcd went away just now: do not wait for it a second time in store_.publish.
            log::error("publish_failed",
                       {{"store", store_.describe()}, {"error", latest.problems.front()}});
            return;
        }
        next.generation = std::max(generation(), latest.current_generation) + 1;
        try {
            store_.publish(next);
            current_ = std::make_shared<const store::Snapshot>(std::move(next));
            metrics_.table_published_generation.set({}, double(current_->generation));
            std::uint64_t moved = 0;
            for (const auto& [name, report] : last_reports_) moved += report.moved;
            log::info("table_published", {{"generation", current_->generation},
                                          {"reason", std::string(reason)},
                                          {"moved", moved}});
            return;
        } catch (const store::StaleGenerationError& e) {
            log::warn("publish_stale", {{"error", e.what()}});
        } catch (const store::StoreError& e) {
            log::error("publish_failed", {{"store", store_.describe()}, {"error", e.what()}});
            return;
        }
    }
}

}  // namespace shoal::daemon
