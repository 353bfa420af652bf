// SPDX-License-Identifier: MIT
// Where the etcd store keeps things, under the configured prefix P:
//   P/current                        the current generation's record, flipped last
//   P/generations/<20 digits>        each retained generation's record
//   P/chunks/<20 digits>/<writer>/<6 digits>   the generation's bytes (generation_codec.h),
//                                    in order; <writer> is random per publish, so a chunk set
//                                    is never overwritten once written
//   P/reports/<server>               each agent's latest report, under the agent's lease
//   P/leader                         the leading conductor, under its lease
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/snapshot.h"

namespace shoal::store {

class EtcdLayout {
  public:
    explicit EtcdLayout(std::string prefix) : prefix_(std::move(prefix)) {}

    const std::string& prefix() const noexcept { return prefix_; }
    std::string current() const { return prefix_ + "/current"; }
    std::string generations() const { return prefix_ + "/generations/"; }
    std::string generation(std::uint64_t generation) const;
    std::string chunks() const { return prefix_ + "/chunks/"; }
    std::string chunks_of(std::uint64_t generation) const;
    std::string chunk_set(std::uint64_t generation, std::string_view writer) const;
    std::string chunk(std::uint64_t generation, std::string_view writer, std::uint32_t index) const;
    std::string reports() const { return prefix_ + "/reports/"; }
    std::string report(std::string_view server) const { return reports() + std::string(server); }
    std::string leader() const { return prefix_ + "/leader"; }

    // The generation number in a generations/ key; nullopt for anything else.
    std::optional<std::uint64_t> generation_of_key(std::string_view key) const;
    // generation and writer of a chunks/ key; nullopt for anything else.
    std::optional<std::pair<std::uint64_t, std::string>> chunk_set_of_key(
        std::string_view key) const;

  private:
    std::string prefix_;
};

// What P/current and P/generations/N hold: where generation N's bytes are and how to check
// them.
struct GenerationRecord {
    std::uint64_t generation = 0;
    std::string writer;  // names the chunk set
    std::uint32_t chunks = 0;
    std::uint64_t bytes = 0;  // all chunks together
    std::uint32_t crc32 = 0;  // of all chunks together
    TimePoint published_at{};

    std::string to_json_text() const;
    // Throws StoreError "SOURCE: what is wrong".
    static GenerationRecord parse(std::string_view text, std::string_view source);
    bool operator==(const GenerationRecord&) const = default;
};

// 16 random hex digits for a publish's chunk set.
std::string random_writer_id();

}  // namespace shoal::store
