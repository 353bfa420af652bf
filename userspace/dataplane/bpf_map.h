// SPDX-License-Identifier: MIT
#pragma once

#include <linux/bpf.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/unique_fd.h"

namespace shoal {

// Describes a key for an error message; called only when an operation fails.
using KeyText = std::function<std::string()>;

// One kernel map, by fd and name, whose operations throw DataplaneError naming the
// operation, the map, the key and the errno text.
class BpfMap {
  public:
    BpfMap(UniqueFd fd, std::string name);
    // Opens <path> (bpf_obj_get); the name is used in messages and checked against the kernel's.
    static BpfMap from_pin(const std::string& path, std::string name);
    // Duplicates an fd owned elsewhere (a libbpf object or an id lookup).
    static BpfMap duplicate(int fd, std::string name);
    static BpfMap from_id(std::uint32_t id, std::string name);

    int fd() const noexcept { return fd_.get(); }
    const std::string& name() const noexcept { return name_; }

    bpf_map_info info() const;
    // Throws unless the kernel map has this layout (catches a pin left by another ABI).
    void expect_layout(bpf_map_type type, std::uint32_t key_size, std::uint32_t value_size,
                       std::uint32_t max_entries) const;

    // false when the key is absent.
    bool lookup(const void* key, void* value, const KeyText& key_text) const;
    void update(const void* key, const void* value, std::uint64_t flags,
                const KeyText& key_text) const;
    // false when the key was absent.
    bool remove(const void* key, const KeyText& key_text) const;

    // Every key of a hash map (get_next_key walk).
    template <class Key>
    std::vector<Key> keys() const {
        std::vector<Key> out;
        Key key{};
        const void* prev = nullptr;
        while (next_key(prev, &key)) {
            out.push_back(key);
            prev = &out.back();
        }
        return out;
    }

    // Every element of a (non-per-CPU) hash map: one batch syscall where the kernel supports
    // it, else a key walk with a lookup per key.
    template <class Key, class Value>
    std::vector<std::pair<Key, Value>> entries() const {
        const std::uint32_t capacity = info().max_entries;
        std::vector<Key> keys(capacity);
        std::vector<Value> values(capacity);
        std::vector<std::pair<Key, Value>> out;
        if (const auto n = lookup_all(keys.data(), values.data(), capacity)) {
            for (std::uint32_t i = 0; i < *n; ++i) out.emplace_back(keys[i], values[i]);
            return out;
        }
        for (const Key& key : this->keys<Key>()) {
            Value v{};
            if (lookup(&key, &v,
                       [] { return std::string("(walk)"); }))  // gone since the walk: skip
                out.emplace_back(key, v);
        }
        return out;
    }

    template <class Key, class Value>
    std::optional<Value> get(const Key& key, const KeyText& key_text) const {
        Value v{};
        if (!lookup(&key, &v, key_text)) return std::nullopt;
        return v;
    }

    // Reads elements [0, count) of an array map in one syscall when the kernel supports
    // batch operations, else one by one. value_stride: bytes per element (per-CPU maps: all CPUs).
    void read_array(std::uint32_t count, void* values, std::size_t value_stride) const;
    // Writes elements [0, count) of an array map likewise.
    void write_array(std::uint32_t count, const void* values, std::size_t value_size) const;

  private:
    bool next_key(const void* prev, void* next) const;
    // Batch lookup of a whole hash map into arrays of capacity elements; nullopt when the
    // kernel has no batch operations for this map.
    std::optional<std::uint32_t> lookup_all(void* keys, void* values, std::uint32_t capacity) const;

    UniqueFd fd_;
    std::string name_;
};

}  // namespace shoal
