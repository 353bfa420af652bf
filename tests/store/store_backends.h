// SPDX-License-Identifier: MIT
// The two stores behind the same test cases (store_contract_test.cpp): each backend opens
// stores on one shared place (a directory, an etcd prefix) and can damage it the way a
// crash or a bad disk would.
#pragma once

#include <fstream>
#include <memory>

#include "etcd_server.h"
#include "state/atomic_file.h"
#include "store/base64.h"
#include "store/bucket_codec.h"
#include "store/etcd_store.h"
#include "store/file_store.h"
#include "store/generation_codec.h"
#include "support/temp_dir.h"

namespace shoal::test {

struct FileBackend {
    static constexpr const char* kName = "file";
    TempDir dir;

    std::unique_ptr<store::FileStore> open(std::uint32_t keep = 10) {
        return std::make_unique<store::FileStore>(
            store::FileStoreOptions{dir / "store", keep, std::chrono::milliseconds(50)});
    }
    // A publisher that crashed after writing the generation, before flipping the pointer.
    void write_torn(const store::Snapshot& snapshot) {
        state::write_file_atomically(open()->generation_path(snapshot.generation),
                                     store::encode_generation(snapshot));
    }
    // One byte of the generation's body flipped.
    void corrupt(std::uint64_t generation) {
        std::fstream file(open()->generation_path(generation),
                          std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(-100, std::ios::end);
        char c = 0;
        file.get(c);
        file.seekp(-100, std::ios::end);
        file.put(static_cast<char>(c ^ 0x01));
    }
};

struct EtcdBackend {
    static constexpr const char* kName = "etcd";
    EtcdServer& server = shared_etcd();
    std::string prefix = unique_prefix();

    store::EtcdStoreOptions options(std::uint32_t keep = 10) const {
        auto etcd = server.store_config(prefix);
        etcd.chunk_bytes = 64 * 1024;  // several chunks even for small tables
        return {etcd, keep, std::chrono::milliseconds(50)};
    }
    std::unique_ptr<store::EtcdStore> open(std::uint32_t keep = 10) {
        return std::make_unique<store::EtcdStore>(options(keep));
    }
    store::EtcdClient client() const {
        return store::EtcdClient({{server.endpoint()}, nullptr, std::chrono::milliseconds(2000)});
    }
    void write_torn(const store::Snapshot& snapshot) {
        const auto bytes = store::encode_generation(snapshot);
        const store::EtcdLayout layout(prefix);
        auto etcd = client();
        const std::size_t size = options().etcd.chunk_bytes;
        for (std::uint32_t i = 0; i * size < bytes.size(); ++i)
            etcd.put(layout.chunk(snapshot.generation, "torn0000", i),
                     bytes.substr(i * size, size));
    }
    void corrupt(std::uint64_t generation) {
        const store::EtcdLayout layout(prefix);
        auto etcd = client();
        const auto record =
            store::GenerationRecord::parse(etcd.get(layout.generation(generation))->value, "test");
        const auto key = layout.chunk(generation, record.writer, record.chunks - 1);
        auto chunk = etcd.get(key)->value;
        chunk[chunk.size() - 100] ^= 0x01;
        etcd.put(key, chunk);
    }
};

}  // namespace shoal::test
