// SPDX-License-Identifier: MIT
// What `shoald --version`, `shoalctl --version` and `shoalctl version` print, and what the
// daemon's status reports: the build's version (from `git describe`, the .deb's version
// too), its git commit, and the data-plane format (SHOAL_DATAPLANE_FORMAT in bpf/shoal_abi.h)
// the build's BPF program and maps have.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace shoal::version {

struct VersionInfo {
    std::string_view version;     // "0.1.0~git450.gb928268"
    std::string_view git_commit;  // 40 hex digits, or "unknown" outside git
    unsigned dataplane_format;    // SHOAL_DATAPLANE_FORMAT
};

VersionInfo version_info();

// "shoald 0.1.0~git450.gb928268\ngit commit b928268...\ndata-plane format 1", three lines
// without the last newline (CLI11's --version adds it).
std::string version_text(std::string_view program);

// {"version": ..., "git_commit": ..., "dataplane_format": N}
nlohmann::json version_json();

}  // namespace shoal::version
