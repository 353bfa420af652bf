// SPDX-License-Identifier: MIT
#include "store/etcd_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "config/limits.h"
#include "store/bucket_codec.h"
#include "store/generation_codec.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
constexpr int kFlipAttempts = 3;

std::vector<EtcdCompare> fence_compares(const std::optional<PublishFence>& fence) {
    if (!fence) return {};
    return {compare_lease(fence->key, fence->lease)};
}

NotLeaderError not_leader(const std::string& store, std::uint64_t generation,
                          const PublishFence& fence) {
    return NotLeaderError(fmt::format(
        "{}: refused to publish generation {}: {} is no longer held under this conductor's "
        "lease {:x}; another conductor leads",
        store, generation, fence.key, fence.lease));
}

std::shared_ptr<boost::asio::ssl::context> tls_for(const config::EtcdConfig& etcd) {
    for (const auto& endpoint : etcd.endpoints)
        if (endpoint.tls) return make_etcd_tls_context(etcd);
    return nullptr;
}
}  // namespace

class EtcdStore::ClientLock {
  public:
    explicit ClientLock(EtcdStore& store) : store_(store), lock_(store.mutex_) {}
    ~ClientLock() {
        std::lock_guard status(store_.status_mutex_);
        store_.health_ = store_.client_.health();
    }
    ClientLock(const ClientLock&) = delete;
    ClientLock& operator=(const ClientLock&) = delete;

  private:
    EtcdStore& store_;
    std::lock_guard<std::mutex> lock_;
};

EtcdStore::EtcdStore(EtcdStoreOptions options)
    : options_(std::move(options)),
      layout_(options_.etcd.prefix),
      tls_(tls_for(options_.etcd)),
      client_(EtcdClientOptions{options_.etcd.endpoints, tls_, options_.etcd.request_timeout}) {
    if (options_.keep_generations == 0) options_.keep_generations = 1;
}

EtcdClientOptions EtcdStore::client_options() const {
    return {options_.etcd.endpoints, tls_, options_.etcd.request_timeout};
}

std::string EtcdStore::describe() const {
    return fmt::format("etcd store {} prefix {}", client_.describe_endpoints(), layout_.prefix());
}

void EtcdStore::set_fence(std::optional<PublishFence> fence) {
    std::lock_guard lock(status_mutex_);
    fence_ = std::move(fence);
}

EtcdHealth EtcdStore::health() const {
    std::lock_guard lock(status_mutex_);
    return health_;
}

std::int64_t EtcdStore::read_revision() const {
    std::lock_guard lock(mutex_);
    return read_revision_;
}

std::uint64_t EtcdStore::last_publish_bytes() const {
    std::lock_guard lock(mutex_);
    return last_publish_bytes_;
}

void EtcdStore::write_chunks(const std::string& bytes, const GenerationRecord& record,
                             const std::optional<PublishFence>& fence, std::uint64_t& written) {
    const std::size_t size = options_.etcd.chunk_bytes;
    for (std::uint32_t index = 0; index < record.chunks; ++index) {
        const auto key = layout_.chunk(record.generation, record.writer, index);
        const auto piece = bytes.substr(std::size_t(index) * size, size);
        if (fence) {
            // Fenced too: a deposed leader must not even fill etcd with chunks.
            if (!client_.txn(fence_compares(fence), {put_operation(key, piece)}).succeeded)
                throw not_leader(describe(), record.generation, *fence);
        } else {
            client_.put(key, piece);
        }
        written += key.size() + piece.size();
    }
}

void EtcdStore::publish(const Snapshot& snapshot) {
    check_publishable(*this, snapshot);
    const auto encoded = encode_generation(snapshot);
    ClientLock lock(*this);
    const auto fence = [this] {
        std::lock_guard status(status_mutex_);
        return fence_;
    }();
    if (fence && fence->lease == 0)
        throw NotLeaderError(
            fmt::format("{}: refused to publish generation {}: this conductor "
                        "does not lead (it does not hold {})",
                        describe(), snapshot.generation, fence->key));

    GenerationRecord record;
    record.generation = snapshot.generation;
    record.writer = random_writer_id();
    record.chunks = static_cast<std::uint32_t>((encoded.size() + options_.etcd.chunk_bytes - 1) /
                                               options_.etcd.chunk_bytes);
    record.bytes = encoded.size();
    record.crc32 = crc32_of(encoded);
    bool chunks_written = false;
    std::uint64_t written = 0;

    for (int attempt = 0; attempt < kFlipAttempts; ++attempt) {
        const auto pointer = client_.get(layout_.current());
        std::uint64_t current = 0;
        if (pointer) {
            try {
                current = GenerationRecord::parse(pointer->value, layout_.current()).generation;
            } catch (const StoreError&) {
                // A damaged pointer: stay above every retained generation.
                for (const auto& kv :
                     client_.range(layout_.generations(), prefix_end(layout_.generations()), true)
                         .kvs)
                    current = std::max(current, layout_.generation_of_key(kv.key).value_or(0));
            }
        }
        if (snapshot.generation <= current)
            throw StaleGenerationError(snapshot.generation, current);
        if (!chunks_written) {
            write_chunks(encoded, record, fence, written);
            chunks_written = true;
        }
        record.published_at = now_ms();
        const auto text = record.to_json_text();
        auto compares = fence_compares(fence);
        compares.push_back(
            compare_mod_revision(layout_.current(), pointer ? pointer->mod_revision : 0));
        std::vector<EtcdOperation> failure = {range_operation(layout_.current())};
        if (fence) failure.push_back(range_operation(fence->key));
        const auto flip = client_.txn(compares,
                                      {put_operation(layout_.current(), text),
                                       put_operation(layout_.generation(record.generation), text)},
                                      failure);
        if (flip.succeeded) {
            written += 2 * text.size() + layout_.current().size() +
                       layout_.generation(record.generation).size();
            last_publish_bytes_ = written;
            last_good_ = std::make_shared<const Snapshot>(snapshot);
            read_revision_ = flip.revision;
            try {
                prune(snapshot.generation, fence);
            } catch (const StoreError&) {
                // Pruning is retried by every publish; a failed one leaves extra old keys only.
            }
            return;
        }
        if (fence && flip.responses.size() > 1) {
            const auto holder = range_response_kvs(flip.responses[1]);
            if (holder.empty() || holder.front().lease != fence->lease) {
                client_.delete_range(
                    layout_.chunk_set(record.generation, record.writer),
                    prefix_end(layout_.chunk_set(record.generation, record.writer)));
                throw not_leader(describe(), snapshot.generation, *fence);
            }
        }
        // Someone flipped P/current between our read and our transaction: look again.
    }
    throw StoreError(
        fmt::format("{}: publish generation {}: {} kept changing; gave up after {} "
                    "attempts",
                    describe(), snapshot.generation, layout_.current(), kFlipAttempts));
}

void EtcdStore::prune(std::uint64_t current, const std::optional<PublishFence>& fence) {
    std::map<std::uint64_t, GenerationRecord> records;
    for (const auto& kv :
         client_.range(layout_.generations(), prefix_end(layout_.generations())).kvs)
        if (auto generation = layout_.generation_of_key(kv.key)) try {
                records[*generation] = GenerationRecord::parse(kv.value, kv.key);
            } catch (const StoreError&) {
                GenerationRecord damaged;  // removed once old enough
                damaged.generation = *generation;
                records[*generation] = damaged;
            }
    const auto now = now_ms();
    const auto kept_from =
        current >= options_.keep_generations ? current - options_.keep_generations + 1 : 0;
    std::vector<EtcdOperation> removals;
    for (auto it = records.begin(); it != records.end(); ++it) {
        const auto next = std::next(it);
        if (it->first >= kept_from || next == records.end()) break;
        // Readers that saw the pointer name it just before it was replaced get `grace` to
        // finish reading it.
        if (now - next->second.published_at < options_.etcd.grace) break;
        removals.push_back(delete_operation(layout_.generation(it->first)));
        removals.push_back(delete_operation(layout_.chunks_of(it->first),
                                            prefix_end(layout_.chunks_of(it->first))));
    }
    // Chunk sets no record names, at or below the current generation: torn publishes that can
    // never be flipped any more.
    std::set<std::pair<std::uint64_t, std::string>> orphans;
    for (const auto& kv : client_.range(layout_.chunks(), prefix_end(layout_.chunks()), true).kvs)
        if (auto set = layout_.chunk_set_of_key(kv.key); set && set->first <= current) {
            const auto record = records.find(set->first);
            if (record == records.end() || record->second.writer != set->second)
                orphans.insert(*set);
        }
    for (const auto& [generation, writer] : orphans) {
        const auto set = layout_.chunk_set(generation, writer);
        removals.push_back(delete_operation(set, prefix_end(set)));
    }
    // etcd caps the operations in one transaction (128 by default).
    for (std::size_t from = 0; from < removals.size(); from += 64) {
        const auto end = std::min(removals.size(), from + 64);
        std::vector<EtcdOperation> batch(removals.begin() + from, removals.begin() + end);
        if (!client_.txn(fence_compares(fence), batch).succeeded) return;
    }
}

std::shared_ptr<const Snapshot> EtcdStore::load(const GenerationRecord& record) {
    const auto source = fmt::format("{} generation {}", describe(), record.generation);
    std::string bytes;
    bytes.reserve(record.bytes);
    for (std::uint32_t index = 0; index < record.chunks; ++index) {
        const auto key = layout_.chunk(record.generation, record.writer, index);
        auto chunk = client_.get(key);
        if (!chunk) throw StoreError(fmt::format("{}: torn: chunk {} is missing", source, key));
        bytes += chunk->value;
    }
    if (bytes.size() != record.bytes)
        throw StoreError(fmt::format("{}: torn: the chunks hold {} bytes, the record says {}",
                                     source, bytes.size(), record.bytes));
    if (crc32_of(bytes) != record.crc32)
        throw StoreError(fmt::format("{}: corrupt: chunks CRC32 {:08x}, the record says {:08x}",
                                     source, crc32_of(bytes), record.crc32));
    auto snapshot = std::make_shared<const Snapshot>(decode_generation(bytes, source));
    if (snapshot->generation != record.generation)
        throw StoreError(fmt::format("{}: holds generation {}", source, snapshot->generation));
    return snapshot;
}

std::optional<GenerationRecord> EtcdStore::record_at(std::uint64_t generation) {
    const auto key = layout_.generation(generation);
    auto kv = client_.get(key);
    if (!kv) return std::nullopt;
    return GenerationRecord::parse(kv->value, key);
}

ReadResult EtcdStore::read() {
    ClientLock lock(*this);
    ReadResult result;
    std::optional<EtcdKeyValue> pointer;
    try {
        auto range = client_.range(layout_.current());
        read_revision_ = range.revision;
        if (!range.kvs.empty()) pointer = std::move(range.kvs.front());
    } catch (const StoreError& e) {
        // etcd away: keep serving what we had; current_generation 0 says the pointer is unknown.
        result.problems.push_back(e.what());
        result.snapshot = last_good_;
        return result;
    }
    if (!pointer) return result;
    GenerationRecord record;
    try {
        record = GenerationRecord::parse(pointer->value, layout_.current());
    } catch (const StoreError& e) {
        result.problems.push_back(e.what());
        result.snapshot = last_good_;
        return result;
    }
    result.current_generation = record.generation;
    if (last_good_ && last_good_->generation == record.generation) {
        result.snapshot = last_good_;
        return result;
    }
    try {
        last_good_ = load(record);
        result.snapshot = last_good_;
    } catch (const StoreError& e) {
        result.problems.push_back(e.what());
        fall_back(
            result, last_good_, [this] { return stored_generations(); },
            [this](std::uint64_t generation) {
                auto record = record_at(generation);
                return record ? load(*record) : nullptr;
            });
    }
    return result;
}

std::shared_ptr<const Snapshot> EtcdStore::read_generation(std::uint64_t generation) {
    ClientLock lock(*this);
    if (last_good_ && last_good_->generation == generation) return last_good_;
    auto record = record_at(generation);
    return record ? load(*record) : nullptr;
}

std::vector<std::uint64_t> EtcdStore::generations() {
    ClientLock lock(*this);
    std::uint64_t current = 0;
    if (auto pointer = client_.get(layout_.current()))
        current = GenerationRecord::parse(pointer->value, layout_.current()).generation;
    auto found = stored_generations();
    std::erase_if(found, [current](std::uint64_t generation) { return generation > current; });
    return found;
}

std::vector<std::uint64_t> EtcdStore::stored_generations() {
    std::vector<std::uint64_t> found;
    for (const auto& kv :
         client_.range(layout_.generations(), prefix_end(layout_.generations()), true).kvs)
        if (auto generation = layout_.generation_of_key(kv.key)) found.push_back(*generation);
    std::sort(found.begin(), found.end());
    return found;
}

void EtcdStore::ensure_report_lease() {
    if (report_lease_ != 0 && client_.keep_alive(report_lease_) > 0) return;
    const auto ttl = std::chrono::ceil<std::chrono::seconds>(options_.etcd.lease_ttl);
    report_lease_ = client_.grant_lease(ttl);
}

void EtcdStore::put_report(const AgentReport& report) {
    if (!config::is_valid_name(report.server))
        throw StoreError(fmt::format("{}: report for server \"{}\": expected {}", describe(),
                                     report.server, config::kNameRule));
    ClientLock lock(*this);
    // Under a lease we refresh with each report: an agent that stops reporting disappears.
    ensure_report_lease();
    client_.put(layout_.report(report.server), report.to_json().dump(), report_lease_);
}

ReportsResult EtcdStore::read_reports() {
    ClientLock lock(*this);
    ReportsResult result;
    EtcdRange range;
    try {
        range = client_.range(layout_.reports(), prefix_end(layout_.reports()));
    } catch (const StoreError& e) {
        result.problems.push_back(e.what());
        return result;
    }
    for (const auto& kv : range.kvs) {
        try {
            auto report = AgentReport::from_json(nlohmann::json::parse(kv.value), kv.key);
            if (layout_.report(report.server) != kv.key)
                throw StoreError(fmt::format("{}: /server: \"{}\" does not match the key", kv.key,
                                             report.server));
            result.reports.push_back(std::move(report));
        } catch (const nlohmann::json::parse_error& e) {
            result.problems.push_back(fmt::format("{}: invalid JSON: {}", kv.key, e.what()));
        } catch (const StoreError& e) {
            result.problems.push_back(e.what());
        }
    }
    return result;
}

}  // namespace shoal::store
