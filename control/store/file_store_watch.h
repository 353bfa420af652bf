// SPDX-License-Identifier: MIT
// Watches a file store for new generations on an Asio io_context: inotify on the directory
// for a prompt reaction, plus a timer that re-checks anyway, so a missed or overflowed event
// (or a directory that was replaced) never leaves an agent stale.
#pragma once

#include <chrono>
#include <memory>

#include "store/store.h"

namespace shoal::store {

class FileStore;

class FileStoreWatch final : public StoreWatch {
  public:
    // Throws StoreError when inotify cannot be set up at all. The first callback comes from
    // the io_context, not from this constructor.
    FileStoreWatch(boost::asio::io_context& io, FileStore& store,
                   std::chrono::milliseconds check_interval, WatchCallback on_change);
    // Stops watching; call it on the io_context's thread or while it is not running.
    ~FileStoreWatch() override;

    FileStoreWatch(const FileStoreWatch&) = delete;
    FileStoreWatch& operator=(const FileStoreWatch&) = delete;

  private:
    class Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace shoal::store
