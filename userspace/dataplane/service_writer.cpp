// SPDX-License-Identifier: MIT
#include "dataplane/service_writer.h"

#include <linux/bpf.h>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/table_slots.h"

namespace shoal {
namespace {

KeyText service_text(const shoal_service_key& key)
{
    return [key] { return describe(key); };
}

} // namespace

shoal_service ServiceWriter::set(const ServiceSpec& spec) const
{
    const shoal_service_key key = spec.key.to_abi();
    const std::string op = fmt::format("update {} key {}", services_.name(), spec.key.to_string());
    if (spec.service_id >= SHOAL_MAX_SERVICES)
        throw DataplaneError::invalid(op, fmt::format("service id {} >= {}", spec.service_id,
                                                      SHOAL_MAX_SERVICES));
    if (spec.hash_mode != SHOAL_HASH_4TUPLE && spec.hash_mode != SHOAL_HASH_SRC_ADDR)
        throw DataplaneError::invalid(op, fmt::format("unknown hash mode {}",
                                                      static_cast<int>(spec.hash_mode)));
    if (spec.fragments != SHOAL_FRAGMENTS_PASS && spec.fragments != SHOAL_FRAGMENTS_DROP)
        throw DataplaneError::invalid(op, fmt::format("unknown fragments policy {}",
                                                      static_cast<int>(spec.fragments)));
    const std::optional<LiveTable> live = TableSlots(services_, tables_).live(spec.service_id);
    shoal_service value{};
    value.service_id = spec.service_id;
    value.table_slot = live ? live->slot : TableSlots::slot_of(spec.service_id, 0);
    value.bucket_mask = live && live->size > 0 ? live->size - 1 : 0;
    value.hash_mode = static_cast<std::uint8_t>(spec.hash_mode);
    value.fragments = static_cast<std::uint8_t>(spec.fragments);
    services_.update(&key, &value, BPF_ANY, service_text(key));
    return value;
}

bool ServiceWriter::remove(const ServiceKey& key) const
{
    const shoal_service_key k = key.to_abi();
    return services_.remove(&k, service_text(k));
}

std::optional<shoal_service> ServiceWriter::get(const ServiceKey& key) const
{
    const shoal_service_key k = key.to_abi();
    return services_.get<shoal_service_key, shoal_service>(k, service_text(k));
}

std::vector<std::pair<shoal_service_key, shoal_service>> ServiceWriter::entries() const
{
    return services_.entries<shoal_service_key, shoal_service>();
}

} // namespace shoal
