// SPDX-License-Identifier: MIT
// The embedded store: a directory on the local machine, for one machine or the lab.
//   DIR/current          {"generation": N}: flipped last, by rename
//   DIR/gen-<20 digits>.json   one immutable file per generation (generation_codec.h)
//   DIR/reports/NAME.json      each agent's latest report
//   DIR/.lock            flock'd by publishers, so check-and-flip is atomic across processes
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>

#include "store/store.h"

namespace shoal::store {

struct FileStoreOptions {
    std::filesystem::path directory;
    std::uint32_t keep_generations = 10;             // older ones are deleted after each publish
    std::chrono::milliseconds check_interval{1000};  // watch(): re-check even without inotify
};

class FileStore final : public Store {
  public:
    // Creates the directory (and reports/) when missing; throws StoreError if it cannot.
    explicit FileStore(FileStoreOptions options);

    void publish(const Snapshot& snapshot) override;
    ReadResult read() override;
    std::shared_ptr<const Snapshot> read_generation(std::uint64_t generation) override;
    std::vector<std::uint64_t> generations() override;
    void put_report(const AgentReport& report) override;
    ReportsResult read_reports() override;
    std::unique_ptr<StoreWatch> watch(boost::asio::io_context& io,
                                      WatchCallback on_change) override;
    std::string describe() const override;

    const FileStoreOptions& options() const noexcept { return options_; }
    std::filesystem::path generation_path(std::uint64_t generation) const;
    std::filesystem::path current_path() const { return options_.directory / "current"; }

  private:
    std::optional<std::uint64_t> read_pointer()
        const;  // nullopt: nothing published; throws StoreError
    std::vector<std::uint64_t> generation_files() const;  // every gen-*.json, ascending
    std::shared_ptr<const Snapshot> load(std::uint64_t generation) const;  // null if absent
    void prune(std::uint64_t current) const;

    FileStoreOptions options_;
    std::mutex mutex_;  // guards last_good_
    std::shared_ptr<const Snapshot> last_good_;
};

}  // namespace shoal::store
