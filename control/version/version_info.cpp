// SPDX-License-Identifier: MIT
// The only file that includes the generated shoal_version.h, so a new commit (which changes
// it) recompiles this file and relinks, nothing more.
#include "version/version_info.h"

#include <fmt/format.h>

#include "shoal_abi.h"
#include "shoal_version.h"

namespace shoal::version {

VersionInfo version_info() { return {build::kVersion, build::kGitCommit, SHOAL_DATAPLANE_FORMAT}; }

std::string version_text(std::string_view program) {
    const auto info = version_info();
    return fmt::format("{} {}\ngit commit {}\ndata-plane format {}", program, info.version,
                       info.git_commit, info.dataplane_format);
}

nlohmann::json version_json() {
    const auto info = version_info();
    return {{"version", info.version},
            {"git_commit", info.git_commit},
            {"dataplane_format", info.dataplane_format}};
}

}  // namespace shoal::version
