// SPDX-License-Identifier: MIT
#include "dataplane/gue_auth_writer.h"

#include <linux/bpf.h>

#include <string>

namespace shoal {
namespace {

constexpr std::uint32_t kGueAuthKey = 0;

std::string gue_auth_key_text() { return "0"; }

}  // namespace

void GueAuthWriter::write(const GueAuthSettings& settings) const {
    const shoal_gue_auth value = settings.to_abi();
    map_.update(&kGueAuthKey, &value, BPF_ANY, gue_auth_key_text);
}

std::optional<GueAuthSettings> GueAuthWriter::read() const {
    shoal_gue_auth value{};
    if (!map_.lookup(&kGueAuthKey, &value, gue_auth_key_text)) return std::nullopt;
    return GueAuthSettings::from_abi(value);
}

void GueAuthWriter::clear() const { map_.remove(&kGueAuthKey, gue_auth_key_text); }

}  // namespace shoal
