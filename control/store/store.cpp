// SPDX-License-Identifier: MIT
#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>

#include "config/daemon_config.h"
#include "store/etcd_store.h"
#include "store/file_store.h"

namespace shoal::store {

StaleGenerationError::StaleGenerationError(std::uint64_t refused, std::uint64_t current)
    : StoreError(
          fmt::format("refused to publish generation {}: the store is already at generation {}; "
                      "a new generation must be above it",
                      refused, current)),
      refused_(refused),
      current_(current) {}

void check_publishable(const Store& store, const Snapshot& snapshot) {
    const auto problems = snapshot_problems(snapshot);
    if (!problems.empty())
        throw StoreError(fmt::format("{}: refused to publish generation {}: {}", store.describe(),
                                     snapshot.generation, problems.front()));
}

std::unique_ptr<Store> open_store(const config::StoreConfig& config) {
    switch (config.type) {
        case config::StoreType::file:
            return std::make_unique<FileStore>(
                FileStoreOptions{config.path, config.keep_generations, config.check_interval});
        case config::StoreType::etcd:
            return std::make_unique<EtcdStore>(
                EtcdStoreOptions{config.etcd, config.keep_generations, config.check_interval});
    }
    throw StoreError("unknown store type");
}

void fall_back(ReadResult& result, std::shared_ptr<const Snapshot>& last_good,
               const GenerationList& list, const GenerationLoad& load) {
    std::vector<std::uint64_t> older;
    try {
        for (auto generation : list())
            if (generation < result.current_generation) older.push_back(generation);
    } catch (const StoreError& e) {
        result.problems.push_back(e.what());
    }
    std::sort(older.begin(), older.end());
    const bool have_older_good = last_good && last_good->generation < result.current_generation;
    for (auto it = older.rbegin(); it != older.rend(); ++it) {
        if (have_older_good && *it <= last_good->generation) break;
        try {
            if (auto snapshot = load(*it)) {
                last_good = std::move(snapshot);
                result.snapshot = last_good;
                return;
            }
        } catch (const StoreError& e) {
            result.problems.push_back(e.what());
        }
    }
    if (have_older_good) result.snapshot = last_good;
}

}  // namespace shoal::store
