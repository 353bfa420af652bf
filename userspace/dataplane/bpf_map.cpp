// SPDX-License-Identifier: MIT
#include "dataplane/bpf_map.h"

#include <bpf/bpf.h>
#include <fcntl.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <numeric>

#include "dataplane/dataplane_error.h"

namespace shoal {
namespace {

constexpr int kEnotsupp = 524;  // the kernel-internal ENOTSUPP that leaks out of bpf(2)

bool batch_unsupported(int err) { return err == EOPNOTSUPP || err == kEnotsupp; }

std::string index_text(std::uint32_t i) { return fmt::format("{}", i); }

}  // namespace

BpfMap::BpfMap(UniqueFd fd, std::string name) : fd_(std::move(fd)), name_(std::move(name)) {}

BpfMap BpfMap::from_pin(const std::string& path, std::string name) {
    const int fd = ::bpf_obj_get(path.c_str());
    if (fd < 0) throw DataplaneError::system("open pinned map", path, {}, errno);
    BpfMap map(UniqueFd(fd), std::move(name));
    const bpf_map_info i = map.info();
    // The kernel keeps BPF_OBJ_NAME_LEN - 1 characters of a name.
    if (map.name_.substr(0, BPF_OBJ_NAME_LEN - 1) != i.name)
        throw DataplaneError::invalid(
            "open pinned map",
            fmt::format("{} holds map '{}', expected '{}'", path, i.name, map.name_));
    return map;
}

BpfMap BpfMap::duplicate(int fd, std::string name) {
    const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (copy < 0) throw DataplaneError::system("duplicate fd of", name, {}, errno);
    return BpfMap(UniqueFd(copy), std::move(name));
}

BpfMap BpfMap::from_id(std::uint32_t id, std::string name) {
    const int fd = ::bpf_map_get_fd_by_id(id);
    if (fd < 0)
        throw DataplaneError::system("open map by id", name, fmt::format("id {}", id), errno);
    return BpfMap(UniqueFd(fd), std::move(name));
}

bpf_map_info BpfMap::info() const {
    bpf_map_info i{};
    __u32 len = sizeof(i);
    if (::bpf_obj_get_info_by_fd(fd(), &i, &len) != 0)
        throw DataplaneError::system("get info of", name_, {}, errno);
    return i;
}

void BpfMap::expect_layout(bpf_map_type type, std::uint32_t key_size, std::uint32_t value_size,
                           std::uint32_t max_entries) const {
    const bpf_map_info i = info();
    if (i.type != type || i.key_size != key_size || i.value_size != value_size ||
        i.max_entries != max_entries)
        throw DataplaneError::invalid(
            fmt::format("check layout of {}", name_),
            fmt::format("kernel has type {} key {} value {} entries {}, this build expects "
                        "type {} key {} value {} entries {}",
                        i.type, i.key_size, i.value_size, i.max_entries, static_cast<int>(type),
                        key_size, value_size, max_entries));
}

bool BpfMap::lookup(const void* key, void* value, const KeyText& key_text) const {
    if (::bpf_map_lookup_elem(fd(), key, value) == 0) return true;
    if (errno == ENOENT) return false;
    throw DataplaneError::system("lookup", name_, key_text(), errno);
}

void BpfMap::update(const void* key, const void* value, std::uint64_t flags,
                    const KeyText& key_text) const {
    if (::bpf_map_update_elem(fd(), key, value, flags) != 0)
        throw DataplaneError::system("update", name_, key_text(), errno);
}

bool BpfMap::remove(const void* key, const KeyText& key_text) const {
    if (::bpf_map_delete_elem(fd(), key) == 0) return true;
    if (errno == ENOENT) return false;
    throw DataplaneError::system("delete", name_, key_text(), errno);
}

bool BpfMap::next_key(const void* prev, void* next) const {
    if (::bpf_map_get_next_key(fd(), prev, next) == 0) return true;
    if (errno == ENOENT) return false;
    throw DataplaneError::system("iterate", name_, {}, errno);
}

std::optional<std::uint32_t> BpfMap::lookup_all(void* keys, void* values,
                                                std::uint32_t capacity) const {
    std::uint32_t out_batch = 0;  // hash maps: a bucket index
    __u32 n = capacity;
    LIBBPF_OPTS(bpf_map_batch_opts, opts);
    const int rc = ::bpf_map_lookup_batch(fd(), nullptr, &out_batch, keys, values, &n, &opts);
    if (rc == 0 || errno == ENOENT)  // ENOENT: the walk reached the end, n elements read
        return n;
    if (batch_unsupported(errno)) return std::nullopt;
    throw DataplaneError::system("batch lookup", name_, "(all)", errno);
}

void BpfMap::read_array(std::uint32_t count, void* values, std::size_t value_stride) const {
    std::vector<std::uint32_t> keys(count);
    std::uint32_t out_batch = 0;
    __u32 n = count;
    LIBBPF_OPTS(bpf_map_batch_opts, opts);
    const int rc =
        ::bpf_map_lookup_batch(fd(), nullptr, &out_batch, keys.data(), values, &n, &opts);
    // ENOENT: the walk reached the end of the array, with n elements read.
    if ((rc == 0 || errno == ENOENT) && n == count) return;
    if (rc != 0 && errno != ENOENT && !batch_unsupported(errno))
        throw DataplaneError::system("batch lookup", name_, fmt::format("0..{}", count - 1), errno);
    auto* bytes = static_cast<std::uint8_t*>(values);
    for (std::uint32_t i = 0; i < count; ++i) {
        if (!lookup(&i, bytes + i * value_stride, [i] { return index_text(i); }))
            throw DataplaneError::system("lookup", name_, index_text(i), ENOENT);
    }
}

void BpfMap::write_array(std::uint32_t count, const void* values, std::size_t value_size) const {
    std::vector<std::uint32_t> keys(count);
    std::iota(keys.begin(), keys.end(), 0u);
    __u32 n = count;
    LIBBPF_OPTS(bpf_map_batch_opts, opts);
    const int rc = ::bpf_map_update_batch(fd(), keys.data(), values, &n, &opts);
    if (rc == 0 && n == count) return;
    const int err = rc != 0 ? errno : EIO;
    if (!batch_unsupported(err))
        throw DataplaneError::system("batch update", name_,
                                     fmt::format("0..{} (stopped after {})", count - 1, n), err);
    const auto* bytes = static_cast<const std::uint8_t*>(values);
    for (std::uint32_t i = 0; i < count; ++i)
        update(&i, bytes + i * value_size, BPF_ANY, [i] { return index_text(i); });
}

}  // namespace shoal
