// SPDX-License-Identifier: MIT
// Runs store calls (which block: an etcd request waits up to request_timeout per member) on
// one background thread, in the order they were asked for, and hands each outcome back to
// the caller's io_context, so a slow or black-holed etcd member never stalls the event loop.
//
// Bounded: at most one call waits per key. Submitting under a key whose call has not started
// yet replaces that call in its place in the line (the latest agent report supersedes one
// not yet sent); the replaced call's callback never runs. Callers use a fixed handful of keys.
//
//   worker.submit("report", [&store, report] { store.put_report(report); },
//                 [this](StoreOutcome<std::monostate> outcome) { if (!outcome.ok()) ...; });
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <variant>

namespace boost::asio {
class io_context;
}

namespace shoal::store {

// What a call returned (value), or what it threw (error, its what()).
template <class Value>
struct StoreOutcome {
    std::optional<Value> value;
    std::string error;
    bool ok() const noexcept { return value.has_value(); }
};

class StoreWorker {
  public:
    explicit StoreWorker(boost::asio::io_context& io);
    // stop(), then waits for a call in flight: the store bounds it (request_timeout per
    // member). Call it on the io_context's thread, or while it is not running.
    ~StoreWorker();
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    // Queues `call` (run on the worker thread) under `key`; `done` runs on the io_context
    // with its outcome. Returns true when it replaced a call of that key not yet started.
    // Does nothing after stop().
    template <class Call, class Done>
    bool submit(const std::string& key, Call call, Done done) {
        using Result = std::invoke_result_t<Call&>;
        using Value = std::conditional_t<std::is_void_v<Result>, std::monostate, Result>;
        return enqueue(key, [call = std::move(call), done = std::move(done)]() mutable {
            StoreOutcome<Value> outcome;
            try {
                if constexpr (std::is_void_v<Result>) {
                    call();
                    outcome.value.emplace();
                } else {
                    outcome.value.emplace(call());
                }
            } catch (const std::exception& e) {
                outcome.error = e.what();
            }
            return std::function<void()>(
                [done = std::move(done), outcome = std::move(outcome)]() mutable {
                    done(std::move(outcome));
                });
        });
    }

    // Drops the calls not started and stops callbacks (none runs after it); does not wait.
    // Call it on the io_context's thread.
    void stop();

    bool busy() const;                 // a call is running now
    std::size_t waiting() const;       // calls queued, not started
    std::uint64_t superseded() const;  // calls replaced before they started

  private:
    // Runs on the worker thread; returns what to run on the io_context.
    using Job = std::function<std::function<void()>()>;
    struct Entry {
        std::string key;
        Job job;
    };
    // At most this many distinct keys wait at once; more is a programming error.
    static constexpr std::size_t kMaxWaiting = 16;

    bool enqueue(const std::string& key, Job job);
    void run();

    boost::asio::io_context& io_;
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
    mutable std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    std::deque<Entry> queue_;
    bool running_ = false;
    bool stopping_ = false;
    std::uint64_t superseded_ = 0;
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace shoal::store
