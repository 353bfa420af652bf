// SPDX-License-Identifier: MIT
// shoalctl version: this shoalctl's version, git commit and data-plane format (the same as
// --version, and -o json for scripts). It asks no daemon, so it works where none runs;
// `shoalctl status` shows the daemon's.
#include <iostream>

#include "cli/shoalctl.h"
#include "version/version_info.h"

namespace shoal::cli {

VerbRun declare_version(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        if (global.json())
            std::cout << version::version_json().dump(2) << '\n';
        else
            std::cout << version::version_text("shoalctl") << '\n';
    };
}

}  // namespace shoal::cli
