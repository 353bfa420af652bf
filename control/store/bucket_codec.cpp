// SPDX-License-Identifier: MIT
#include "store/bucket_codec.h"

#include <fmt/format.h>
#include <zlib.h>

#include "store/base64.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
template <class T>
void put_le(std::string& out, T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out += static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF);
}

template <class T>
T get_le(const std::string& in, std::size_t offset) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        value |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in[offset + i])) << (8 * i);
    return static_cast<T>(value);
}

std::string compress(const std::string& raw) {
    uLongf size = compressBound(raw.size());
    std::string out(size, '\0');
    const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                             reinterpret_cast<const Bytef*>(raw.data()), raw.size(), Z_BEST_SPEED);
    if (rc != Z_OK) throw StoreError(fmt::format("zlib compress2 failed: {}", zError(rc)));
    out.resize(size);
    return out;
}

std::string unpack(const std::string& field, const std::string& text, std::size_t expected_size) {
    const auto compressed = base64_decode(text);
    if (!compressed) throw StoreError(fmt::format("field {}: not valid base64", field));
    std::string raw(expected_size, '\0');
    uLongf size = expected_size;
    const int rc =
        uncompress(reinterpret_cast<Bytef*>(raw.data()), &size,
                   reinterpret_cast<const Bytef*>(compressed->data()), compressed->size());
    if (rc != Z_OK || size != expected_size)
        throw StoreError(
            fmt::format("field {}: does not inflate to {} bytes ({})", field, expected_size,
                        rc == Z_OK ? fmt::format("got {}", size) : std::string(zError(rc))));
    return raw;
}
}  // namespace

std::uint32_t crc32_of(std::string_view bytes, std::uint32_t running) {
    uLong crc = running;
    // zlib takes uInt lengths; feed large inputs in pieces.
    while (!bytes.empty()) {
        const auto piece = std::min<std::size_t>(bytes.size(), 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(piece));
        bytes.remove_prefix(piece);
    }
    return static_cast<std::uint32_t>(crc);
}

EncodedBuckets encode_buckets(const std::vector<StoredBucket>& buckets) {
    std::string hops, changed;
    hops.reserve(buckets.size() * 4);
    changed.reserve(buckets.size() * 8);
    for (const auto& bucket : buckets) {
        put_le<std::uint16_t>(hops, bucket.first_hop);
        put_le<std::uint16_t>(hops, bucket.second_hop);
        put_le<std::int64_t>(changed, bucket.changed.time_since_epoch().count());
    }
    EncodedBuckets encoded;
    encoded.crc32 = crc32_of(changed, crc32_of(hops));
    encoded.hops = base64_encode(compress(hops));
    encoded.changed = base64_encode(compress(changed));
    return encoded;
}

std::vector<StoredBucket> decode_buckets(const EncodedBuckets& encoded, std::size_t size) {
    const auto hops = unpack("hops", encoded.hops, size * 4);
    const auto changed = unpack("changed_ms", encoded.changed, size * 8);
    const auto crc = crc32_of(changed, crc32_of(hops));
    if (crc != encoded.crc32)
        throw StoreError(
            fmt::format("field crc32: {:08x} recorded, {:08x} computed: the buckets are corrupt",
                        encoded.crc32, crc));
    std::vector<StoredBucket> buckets(size);
    for (std::size_t i = 0; i < size; ++i) {
        buckets[i].first_hop = get_le<std::uint16_t>(hops, 4 * i);
        buckets[i].second_hop = get_le<std::uint16_t>(hops, 4 * i + 2);
        buckets[i].changed =
            TimePoint(std::chrono::milliseconds(get_le<std::int64_t>(changed, 8 * i)));
    }
    return buckets;
}

}  // namespace shoal::store
