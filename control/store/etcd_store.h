// SPDX-License-Identifier: MIT
// The cluster store: etcd (docs/config.md, store type "etcd"). A generation is written as
// immutable chunks, then the small P/current record is flipped in a transaction that also
// checks nobody else flipped it meanwhile and, when a fence is set, that this conductor
// still holds the leader key under its lease. Readers verify size and CRC of the chunks
// and the generation's own checksums, and keep the last good snapshot when etcd is away.
// Agents' reports live under a lease, so a vanished agent's report expires. Layout:
// etcd_layout.h.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/etcd_config.h"
#include "store/etcd_client.h"
#include "store/etcd_layout.h"
#include "store/store.h"

namespace shoal::store {

struct EtcdStoreOptions {
    config::EtcdConfig etcd;
    std::uint32_t keep_generations = 10;
    std::chrono::milliseconds check_interval{1000};  // the watch re-reads this often anyway
};

// Publishes must be made while `key` is held under `lease` (the leader key); lease 0 refuses
// every publish (a conductor that does not lead).
struct PublishFence {
    std::string key;
    std::int64_t lease = 0;
    bool operator==(const PublishFence&) const = default;
};

class EtcdStore final : public Store {
  public:
    // Connects lazily: etcd may be down when shoald starts. Throws StoreError for bad TLS
    // files.
    explicit EtcdStore(EtcdStoreOptions options);

    void publish(const Snapshot& snapshot) override;
    ReadResult read() override;
    std::shared_ptr<const Snapshot> read_generation(std::uint64_t generation) override;
    std::vector<std::uint64_t> generations() override;
    void put_report(const AgentReport& report) override;
    ReportsResult read_reports() override;
    std::unique_ptr<StoreWatch> watch(boost::asio::io_context& io,
                                      WatchCallback on_change) override;
    std::string describe() const override;

    // Fences every later publish (nullopt: unfenced, as with one conductor).
    void set_fence(std::optional<PublishFence> fence);
    EtcdHealth health() const;
    // The etcd revision at which read() last saw P/current (0 before any).
    std::int64_t read_revision() const;
    // Bytes (keys and values) the last publish wrote to etcd.
    std::uint64_t last_publish_bytes() const;

    const EtcdStoreOptions& options() const noexcept { return options_; }
    const EtcdLayout& layout() const noexcept { return layout_; }
    EtcdClientOptions client_options() const;

  private:
    class ClientLock;  // mutex_, held for a whole store call; publishes health_ when released

    // All with mutex_ held.
    std::shared_ptr<const Snapshot> load(const GenerationRecord& record);
    std::vector<std::uint64_t> stored_generations();  // every generation record, ascending
    std::optional<GenerationRecord> record_at(std::uint64_t generation);
    void write_chunks(const std::string& bytes, const GenerationRecord& record,
                      const std::optional<PublishFence>& fence, std::uint64_t& written);
    void prune(std::uint64_t current, const std::optional<PublishFence>& fence);
    void ensure_report_lease();

    EtcdStoreOptions options_;
    EtcdLayout layout_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    // Held only for moments, never across a request: health() and set_fence() answer at once
    // while a call waits on a black-holed member (the event loop asks for health).
    mutable std::mutex status_mutex_;  // guards health_ and fence_
    EtcdHealth health_;
    std::optional<PublishFence> fence_;
    mutable std::mutex mutex_;  // held across requests; guards everything below
    EtcdClient client_;
    std::shared_ptr<const Snapshot> last_good_;
    std::int64_t read_revision_ = 0;
    std::int64_t report_lease_ = 0;
    std::uint64_t last_publish_bytes_ = 0;
};

}  // namespace shoal::store
