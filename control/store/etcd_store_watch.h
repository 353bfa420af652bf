// SPDX-License-Identifier: MIT
// Watches the etcd store's P/current from a thread of its own (etcd calls block), and hands
// each change to the caller's io_context. It resumes the etcd watch from the last revision it
// saw after a disconnect, re-reads everything when that revision was compacted, re-reads every
// check_interval anyway, and backs off while no member answers; the caller keeps its last
// snapshot through an outage, with the reason in ReadResult::problems.
#pragma once

#include <memory>

#include "store/store.h"

namespace shoal::store {

class EtcdStore;

class EtcdStoreWatch final : public StoreWatch {
  public:
    EtcdStoreWatch(boost::asio::io_context& io, EtcdStore& store, WatchCallback on_change);
    // Stops the thread (waits for its current etcd request, at most the request timeout per
    // member). Call it on the io_context's thread or while it is not running: no callback
    // runs after it.
    ~EtcdStoreWatch() override;

    EtcdStoreWatch(const EtcdStoreWatch&) = delete;
    EtcdStoreWatch& operator=(const EtcdStoreWatch&) = delete;

  private:
    class Worker;
    std::shared_ptr<Worker> worker_;
};

}  // namespace shoal::store
