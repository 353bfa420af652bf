// SPDX-License-Identifier: MIT
// The unit template passes `systemd-analyze verify` (with ExecStart pointing at this build's
// shoald; its man pages are checked by the package test, which verifies the installed unit),
// and says what the guide requires of a production unit.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/process.h"
#include "support/temp_dir.h"

namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("shoald.service passes systemd-analyze verify") {
    const std::filesystem::path unit = SHOAL_SOURCE_DIR "/deploy/systemd/shoald.service.in";
    auto text = read(unit);
    REQUIRE(!text.empty());
    text = std::regex_replace(text, std::regex("@SHOALD_PATH@"), SHOALD_BINARY);
    text = std::regex_replace(text, std::regex("@SHOAL_DOC_DIR@"), SHOAL_SOURCE_DIR);
    const shoal::test::TempDir dir("shoald-unit");
    const auto installed = dir.write("shoald.service", text);
    // verify prints problems and exits non-zero on errors; run_command throws with its output.
    CHECK_NOTHROW(
        shoal::test::run_command({"systemd-analyze", "verify", "--man=no", installed.string()}));
}

TEST_CASE("shoald.service is a hardened notify service") {
    const auto text = read(SHOAL_SOURCE_DIR "/deploy/systemd/shoald.service.in");
    for (const char* line :
         {"Type=notify", "WatchdogSec=", "Restart=on-failure", "NoNewPrivileges=yes",
          "ProtectSystem=strict", "CapabilityBoundingSet=CAP_BPF CAP_NET_ADMIN CAP_PERFMON",
          "ExecReload=/bin/kill -HUP $MAINPID", "--check-config"})
        CHECK(text.find(line) != std::string::npos);
    CHECK(text.find("CAP_SYS_ADMIN") == std::string::npos);
}
