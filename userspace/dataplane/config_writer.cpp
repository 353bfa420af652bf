// SPDX-License-Identifier: MIT
#include "dataplane/config_writer.h"

#include <linux/bpf.h>

#include <string>

namespace shoal {
namespace {

constexpr std::uint32_t kConfigKey = 0;

std::string config_key_text() { return "0"; }

}  // namespace

void ConfigWriter::write(const DataplaneConfig& config) const {
    const shoal_config value = config.to_abi();
    map_.update(&kConfigKey, &value, BPF_ANY, config_key_text);
}

DataplaneConfig ConfigWriter::read() const {
    shoal_config value{};
    map_.lookup(&kConfigKey, &value, config_key_text);
    return DataplaneConfig::from_abi(value);
}

void ConfigWriter::set_hash_key(const std::array<std::uint64_t, 2>& key) const {
    shoal_config value{};
    map_.lookup(&kConfigKey, &value, config_key_text);
    value.hash_key[0] = key[0];
    value.hash_key[1] = key[1];
    map_.update(&kConfigKey, &value, BPF_ANY, config_key_text);
}

}  // namespace shoal
