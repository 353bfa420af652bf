// SPDX-License-Identifier: MIT
#include "store/store_worker.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <stdexcept>

namespace shoal::store {

StoreWorker::StoreWorker(boost::asio::io_context& io) : io_(io), thread_([this] { run(); }) {}

StoreWorker::~StoreWorker() {
    stop();
    if (thread_.joinable()) thread_.join();
}

bool StoreWorker::enqueue(const std::string& key, Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        const auto same = std::find_if(queue_.begin(), queue_.end(),
                                       [&](const Entry& e) { return e.key == key; });
        if (same != queue_.end()) {
            same->job = std::move(job);
            ++superseded_;
            return true;
        }
        if (queue_.size() >= kMaxWaiting)
            throw std::length_error(fmt::format(
                "store worker: more than {} kinds of store call waiting (adding \"{}\")",
                kMaxWaiting, key));
        queue_.push_back({key, std::move(job)});
    }
    wake_.notify_one();
    return false;
}

void StoreWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    *alive_ = false;  // on the io thread: a callback already posted sees it and does nothing
}

void StoreWorker::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        Job job = std::move(queue_.front().job);
        queue_.pop_front();
        running_ = true;
        lock.unlock();
        auto deliver = job();
        boost::asio::post(io_, [alive = alive_, deliver = std::move(deliver)] {
            if (*alive) deliver();
        });
        lock.lock();
        running_ = false;
    }
}

bool StoreWorker::busy() const {
    std::lock_guard lock(mutex_);
    return running_;
}

std::size_t StoreWorker::waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

std::uint64_t StoreWorker::superseded() const {
    std::lock_guard lock(mutex_);
    return superseded_;
}

}  // namespace shoal::store
