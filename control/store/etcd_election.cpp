// SPDX-License-Identifier: MIT
#include "store/etcd_election.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/etcd_store.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
using Clock = std::chrono::steady_clock;
// A follower tries this often: a dead leader is replaced within its lease TTL plus this.
constexpr std::chrono::milliseconds kCampaignInterval{250};
}  // namespace

class LeaderElection::Worker {
  public:
    Worker(boost::asio::io_context& io, EtcdStore& store, nlohmann::json identity,
           LeadershipCallback on_change)
        : io_(io),
          store_(store),
          key_(store.layout().leader()),
          identity_(identity.dump()),
          ttl_(std::chrono::ceil<std::chrono::seconds>(store.options().etcd.lease_ttl)),
          on_change_(std::move(on_change)),
          client_(store.client_options()) {
        store_.set_fence(PublishFence{key_, 0});  // refused until elected
    }

    void start() {
        thread_ = std::thread([this] { run(); });
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        *alive_ = false;
        if (thread_.joinable()) thread_.join();
        store_.set_fence(PublishFence{key_, 0});
    }

  private:
    bool pause(std::chrono::milliseconds how_long) {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, how_long, [this] { return stopping_; });
        return !stopping_;
    }

    void report(Leadership next) {
        if (next.leading != state_.leading || state_.since == TimePoint{})
            next.since = now_ms();
        else
            next.since = state_.since;
        if (next == state_) return;
        state_ = next;
        store_.set_fence(PublishFence{key_, next.leading ? next.lease : 0});
        boost::asio::post(io_, [alive = alive_, callback = on_change_, next] {
            if (*alive) callback(next);
        });
    }

    // One round: refresh or get a lease, then hold or try to take the leader key.
    Leadership campaign() {
        Leadership next;
        if (lease_ != 0 && client_.keep_alive(lease_) <= 0) lease_ = 0;  // expired meanwhile
        if (lease_ == 0) lease_ = client_.grant_lease(ttl_);
        last_keep_alive_ = Clock::now();
        const auto taken =
            client_.txn({compare_mod_revision(key_, 0)}, {put_operation(key_, identity_, lease_)},
                        {range_operation(key_)});
        std::optional<EtcdKeyValue> holder;
        if (taken.succeeded) {
            holder = EtcdKeyValue{key_, identity_, 0, 0, lease_};
        } else if (!taken.responses.empty()) {
            auto kvs = range_response_kvs(taken.responses[0]);
            if (!kvs.empty()) holder = std::move(kvs.front());
        }
        next.etcd_reachable = true;
        if (holder) {
            next.leading = holder->lease == lease_;
            next.leader = nlohmann::json::parse(holder->value, nullptr, false);
            if (next.leader.is_discarded()) next.leader = holder->value;
        }
        next.lease = next.leading ? lease_ : 0;
        return next;
    }

    void run() {
        for (;;) {
            Leadership next;
            try {
                next = campaign();
            } catch (const StoreError& e) {
                next = state_;
                next.etcd_reachable = false;
                next.etcd_error = e.what();
                // Our lease may run out unseen: stop leading well before it could have.
                if (next.leading && Clock::now() - last_keep_alive_ > ttl_ * 2 / 3) {
                    next.leading = false;
                    next.lease = 0;
                }
            }
            report(next);
            const auto interval =
                next.leading ? std::chrono::duration_cast<std::chrono::milliseconds>(ttl_) / 3
                             : kCampaignInterval;
            if (!pause(interval)) break;
        }
        if (lease_ != 0) {
            try {
                client_.revoke_lease(lease_);  // hand over at once rather than after the TTL
            } catch (const StoreError&) {
                // etcd away: the lease expires by itself.
            }
        }
    }

    boost::asio::io_context& io_;
    EtcdStore& store_;
    std::string key_;
    std::string identity_;
    std::chrono::seconds ttl_;
    LeadershipCallback on_change_;
    EtcdClient client_;
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::int64_t lease_ = 0;
    Clock::time_point last_keep_alive_{};
    Leadership state_;
};

LeaderElection::LeaderElection(boost::asio::io_context& io, EtcdStore& store,
                               nlohmann::json identity, LeadershipCallback on_change)
    : worker_(std::make_shared<Worker>(io, store, std::move(identity), std::move(on_change))) {
    worker_->start();
}

LeaderElection::~LeaderElection() { worker_->stop(); }

}  // namespace shoal::store
