// SPDX-License-Identifier: MIT
// One generation as a file: a header line
//   {"format":"shoal-store-generation/1","body_bytes":N,"body_crc32":"xxxxxxxx"}
// then a JSON body of N bytes (generation, created_at_ms, publisher, operator_state, tables
// with their buckets per bucket_codec.h). The reader checks the length and CRC of the body
// before parsing it, and each table's CRC after decoding it.
#pragma once

#include <string>
#include <string_view>

#include "store/snapshot.h"

namespace shoal::store {

inline constexpr std::string_view kGenerationFormat = "shoal-store-generation/1";

std::string encode_generation(const Snapshot& snapshot);

// Throws StoreError "SOURCE: FIELD: what is wrong" for anything torn, corrupt or invalid.
Snapshot decode_generation(std::string_view bytes, std::string_view source);

}  // namespace shoal::store
