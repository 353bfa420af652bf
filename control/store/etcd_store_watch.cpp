// SPDX-License-Identifier: MIT
// Watches the etcd store's P/current from a thread of its own (etcd calls block), and hands
// each change to the caller's io_context. It resumes the etcd watch from the last revision it
// saw after a disconnect, re-reads everything when that revision was compacted, re-reads every
// check_interval anyway, and backs off while no member answers; the caller keeps its last
// snapshot through an outage, with the reason in ReadResult::problems.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "store/base64.h"
#include "store/etcd_store.h"

namespace shoal::store {

namespace {
using Clock = std::chrono::steady_clock;
using nlohmann::json;
constexpr std::chrono::milliseconds kFirstBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{5000};
constexpr std::chrono::milliseconds kPoll{100};

struct Seen {
    std::uint64_t snapshot_generation = 0;
    std::uint64_t current_generation = 0;
    std::vector<std::string> problems;
    bool operator==(const Seen&) const = default;
};
}  // namespace

class EtcdStoreWatcher {
  public:
    EtcdStoreWatcher(boost::asio::io_context& io, EtcdStore& store, WatchCallback on_change)
        : io_(io),
          store_(store),
          on_change_(std::move(on_change)),
          options_(store.client_options()) {}

    void start() {
        thread_ = std::thread([this] { run(); });
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            if (connection_) connection_->interrupt();
        }
        wake_.notify_all();
        *alive_ = false;  // on the io thread: nothing posted runs after this
        if (thread_.joinable()) thread_.join();
    }

  private:
    bool stopping() {
        std::lock_guard lock(mutex_);
        return stopping_;
    }

    // Sleeps unless stopped meanwhile; false when stopping.
    bool pause(std::chrono::milliseconds how_long) {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, how_long, [this] { return stopping_; });
        return !stopping_;
    }

    // Reads the store and tells the caller when what it sees changed. True when etcd answered.
    bool check() {
        const auto result = store_.read();
        last_check_ = Clock::now();
        Seen seen{result.snapshot ? result.snapshot->generation : 0, result.current_generation,
                  result.problems};
        if (!last_ || *last_ != seen) {
            last_ = std::move(seen);
            boost::asio::post(io_, [alive = alive_, callback = on_change_, result] {
                if (*alive) callback(result);
            });
        }
        return store_.health().reachable;
    }

    void run() {
        auto backoff = kFirstBackoff;
        std::int64_t revision = 0;  // the last revision of P/current we have seen
        while (!stopping()) {
            if (revision == 0) {
                // A first start, or a compacted revision: read everything afresh.
                if (!check()) {
                    if (!pause(backoff)) return;
                    backoff = std::min(backoff * 2, kMaxBackoff);
                    continue;
                }
                revision = store_.read_revision();
            }
            switch (watch_from(revision)) {
                case Outcome::stopped:
                    return;
                case Outcome::compacted:
                    revision = 0;
                    continue;
                case Outcome::broken:
                    check();  // says why (etcd away) or picks up what the watch missed
                    if (!pause(backoff)) return;
                    backoff = std::min(backoff * 2, kMaxBackoff);
                    endpoint_ = (endpoint_ + 1) % options_.endpoints.size();
                    continue;
                case Outcome::healthy_end:
                    backoff = kFirstBackoff;
                    if (!pause(kFirstBackoff)) return;
                    continue;
            }
        }
    }

    enum class Outcome { stopped, compacted, broken, healthy_end };

    // One watch stream on one member, from `revision` + 1; advances `revision`.
    Outcome watch_from(std::int64_t& revision) {
        const auto& endpoint = options_.endpoints[endpoint_];
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return Outcome::stopped;
            connection_ = std::make_unique<EtcdConnection>(endpoint, options_.tls);
        }
        const auto key = store_.layout().current();
        const json request = {
            {"create_request",
             {{"key", base64_encode(key)}, {"start_revision", std::to_string(revision + 1)}}}};
        Outcome outcome = Outcome::healthy_end;
        bool created = false;
        auto on_message = [&](std::string_view text) {
            const auto message = json::parse(text, nullptr, false);
            const auto result = message.is_object() ? message.value("result", json()) : json();
            if (!result.is_object()) {
                outcome = Outcome::broken;  // an error object: the member refused the watch
                return false;
            }
            if (result.value("canceled", false)) {
                outcome =
                    etcd_int(result, "compact_revision") > 0 ? Outcome::compacted : Outcome::broken;
                return false;
            }
            if (result.value("created", false) && !created) {
                created = true;
                check();  // connected again: clear the problems an outage left
            }
            if (const auto events = result.find("events");
                events != result.end() && events->is_array() && !events->empty()) {
                for (const auto& event : *events)
                    revision = std::max(
                        revision, etcd_int(event.value("kv", json::object()), "mod_revision"));
                check();
            }
            return true;
        };
        auto idle = [&] {
            if (stopping()) return false;
            if (Clock::now() - last_check_ >= store_.options().check_interval) check();
            return true;
        };
        try {
            connection_->stream("/v3/watch", request.dump(), options_.request_timeout, kPoll,
                                on_message, idle);
            if (stopping())
                outcome = Outcome::stopped;
            else if (!created && outcome == Outcome::healthy_end)
                outcome = Outcome::broken;
        } catch (const std::exception&) {
            outcome = stopping() ? Outcome::stopped : Outcome::broken;
        }
        std::lock_guard lock(mutex_);
        connection_.reset();
        return outcome;
    }

    boost::asio::io_context& io_;
    EtcdStore& store_;
    WatchCallback on_change_;
    EtcdClientOptions options_;
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
    std::thread thread_;
    std::mutex mutex_;  // guards stopping_ and connection_ (the pointer, for interrupt)
    std::condition_variable wake_;
    bool stopping_ = false;
    std::unique_ptr<EtcdConnection> connection_;
    std::size_t endpoint_ = 0;
    std::optional<Seen> last_;
    Clock::time_point last_check_{};
};

std::unique_ptr<StoreWatch> EtcdStore::watch(boost::asio::io_context& io, WatchCallback on_change) {
    return std::make_unique<WorkerWatch<EtcdStoreWatcher>>(
        std::make_shared<EtcdStoreWatcher>(io, *this, std::move(on_change)));
}

}  // namespace shoal::store
