// SPDX-License-Identifier: MIT
#include "daemon/store_mirror.h"

#include "log/logger.h"

namespace shoal::daemon {

using Clock = std::chrono::steady_clock;

StoreMirror::StoreMirror(boost::asio::io_context& io, store::Store& store,
                         store::StoreWorker& worker, Options options)
    : store_(store), worker_(worker), options_(options), timer_(io) {}

void StoreMirror::load_now(store::ReadResult current) {
    // etcd away, most likely: do not wait on it a second time; the background refresh fills
    // the reports in.
    const bool store_away = current.pointer_unreadable();
    current_ = std::move(current);
    if (store_away) return;
    try {
        reports_ = store_.read_reports();
        reports_error_.clear();
    } catch (const std::exception& e) {
        reports_ = {};
        reports_error_ = e.what();
    }
    refreshed_at_ = Clock::now();
}

void StoreMirror::start() {
    stopped_ = false;
    refresh();
    if (options_.periodic) schedule();
}

void StoreMirror::stop() {
    stopped_ = true;
    timer_.cancel();
}

void StoreMirror::touch() {
    if (stopped_ || refreshing_) return;
    if (refreshes_ > 0 && Clock::now() - refreshed_at_ < options_.interval) return;
    refresh();
}

void StoreMirror::schedule() {
    timer_.expires_after(options_.interval);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopped_) return;
        // While etcd holds a refresh (a black-holed member) the next one waits for it.
        if (!refreshing_) refresh();
        schedule();
    });
}

void StoreMirror::refresh() {
    if (stopped_) return;
    refreshing_ = true;
    worker_.submit(
        "store_mirror",
        [&store = store_, read_current = options_.read_current] {
            Copy copy;
            try {
                copy.reports = store.read_reports();
            } catch (const std::exception& e) {
                copy.reports_error = e.what();
            }
            if (read_current) copy.current = store.read();
            return copy;
        },
        [this](store::StoreOutcome<Copy> outcome) { take(std::move(outcome)); });
}

void StoreMirror::take(store::StoreOutcome<Copy> outcome) {
    refreshing_ = false;
    ++refreshes_;
    refreshed_at_ = Clock::now();
    if (!outcome.ok()) {  // read() threw: keep the generation we had, say why about reports
        log::warn("store_refresh_failed", {{"store", store_.describe()}, {"error", outcome.error}});
        reports_ = {};
        reports_error_ = outcome.error;
        return;
    }
    reports_ = std::move(outcome.value->reports);
    reports_error_ = std::move(outcome.value->reports_error);
    if (outcome.value->current) current_ = std::move(*outcome.value->current);
}

}  // namespace shoal::daemon
