// SPDX-License-Identifier: MIT
// A table's buckets in compact form: hops as little-endian u16 pairs and change times as
// little-endian i64 milliseconds, each zlib-compressed and base64-encoded, with a CRC32 of
// the raw bytes (hops then times) that the reader verifies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/snapshot.h"

namespace shoal::store {

struct EncodedBuckets {
    std::string hops;     // base64(zlib(first, second, first, second, ...))
    std::string changed;  // base64(zlib(changed_ms, ...))
    std::uint32_t crc32 = 0;
};

EncodedBuckets encode_buckets(const std::vector<StoredBucket>& buckets);

// `size` buckets, or throws StoreError saying which field is bad (no context prefix: the
// caller names the file and table).
std::vector<StoredBucket> decode_buckets(const EncodedBuckets& encoded, std::size_t size);

// CRC-32 (zlib's); continue a running one by passing it as `crc`.
std::uint32_t crc32_of(std::string_view bytes, std::uint32_t crc = 0);

}  // namespace shoal::store
