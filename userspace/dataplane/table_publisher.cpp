// SPDX-License-Identifier: MIT
#include "dataplane/table_publisher.h"

#include <bpf/bpf.h>
#include <fmt/format.h>

#include <cerrno>

#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/server_writer.h"
#include "dataplane/service_writer.h"
#include "dataplane/table_slots.h"
#include "dataplane/table_validator.h"

namespace shoal {
namespace {

// A new inner map for a slot; its flags and sizes must equal shoal_table_inner's (bpf/lib/maps.h),
// the template the kernel checks every inner map against; BPF_F_INNER_MAP frees max_entries.
BpfMap create_inner_map(std::uint32_t service_id, std::uint32_t slot, std::uint32_t size) {
    const std::string name = fmt::format("shoal_t{}_{}", service_id, slot & 1);
    LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_INNER_MAP);
    const int fd = ::bpf_map_create(BPF_MAP_TYPE_ARRAY, name.c_str(), sizeof(std::uint32_t),
                                    sizeof(shoal_bucket), size, &opts);
    if (fd < 0)
        throw DataplaneError::system("create table map", name,
                                     fmt::format("service {} size {}", service_id, size), errno);
    return BpfMap(UniqueFd(fd), name);
}

}  // namespace

PublishedTable TablePublisher::publish(std::uint32_t service_id,
                                       std::span<const shoal_bucket> buckets,
                                       const PublishOptions& options) const {
    validate_table(service_id, buckets, ServerWriter(maps_.servers).configured(),
                   options.allow_empty_first_hops);
    const auto size = static_cast<std::uint32_t>(buckets.size());
    const TableSlots slots(maps_.services, maps_.tables);
    const std::optional<LiveTable> live = slots.live(service_id);

    PublishedTable result;
    result.service_id = service_id;
    result.size = size;
    result.previous_slot = live ? live->slot : TableSlots::slot_of(service_id, 1);
    result.slot = result.previous_slot ^ 1;

    const BpfMap inner = create_inner_map(service_id, result.slot, size);
    inner.write_array(size, buckets.data(), sizeof(shoal_bucket));
    const std::uint32_t inner_fd = static_cast<std::uint32_t>(inner.fd());
    maps_.tables.update(&result.slot, &inner_fd, BPF_ANY, [&] {
        return fmt::format("slot {} (service {})", result.slot, service_id);
    });
    result.inner_map_id = inner.info().id;

    // Each entry is swapped whole, so a packet sees the old {slot, mask} or the new one.
    for (auto [key, service] : ServiceWriter(maps_.services, maps_.tables).entries()) {
        if (service.service_id != service_id) continue;
        service.table_slot = result.slot;
        service.bucket_mask = size - 1;
        maps_.services.update(&key, &service, BPF_EXIST, [&key] { return describe(key); });
        ++result.services_repointed;
    }
    log_message(
        LogLevel::info,
        fmt::format("published table for service {}: {} buckets in slot {} (map id {}), "
                    "{} service entries repointed",
                    service_id, size, result.slot, result.inner_map_id, result.services_repointed));
    return result;
}

void TablePublisher::remove(std::uint32_t service_id) const {
    const std::string op = fmt::format("remove table of service {}", service_id);
    if (service_id >= SHOAL_MAX_SERVICES)
        throw DataplaneError::invalid(op, fmt::format("service id >= {}", SHOAL_MAX_SERVICES));
    for (const auto& [key, service] : ServiceWriter(maps_.services, maps_.tables).entries())
        if (service.service_id == service_id)
            throw DataplaneError::invalid(op,
                                          fmt::format("service {} still uses it", describe(key)));
    for (std::uint32_t generation = 0; generation < 2; ++generation) {
        const std::uint32_t slot = TableSlots::slot_of(service_id, generation);
        maps_.tables.remove(&slot, [slot] { return fmt::format("slot {}", slot); });
    }
}

}  // namespace shoal
