// SPDX-License-Identifier: MIT
// `shoald --version`, `shoalctl --version` and `shoalctl version`: the real binaries print the
// version and commit CMake computed from git (the packages' version) and the data-plane format
// of bpf/shoal_abi.h, exit 0, and ask no daemon.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "shoal_abi.h"
#include "shoalctl_run.h"

using namespace shoal::test;
using nlohmann::json;

namespace {

// What the build must print, from CMake (cmake/ShoalVersion.cmake), not from the code under test.
std::string expected_lines(std::string_view program) {
    return fmt::format("{} {}\ngit commit {}\ndata-plane format {}\n", program,
                       SHOAL_EXPECTED_VERSION, SHOAL_EXPECTED_COMMIT, SHOAL_DATAPLANE_FORMAT);
}

// No daemon listens here: the version must not need one.
const std::vector<std::string> kNoDaemon{"--socket", "/nonexistent/shoald.sock"};

}  // namespace

TEST_CASE("shoald --version prints version, git commit and data-plane format, exit 0") {
    const auto run = run_process({SHOALD_PATH, "--version"});
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out == expected_lines("shoald"));
}

TEST_CASE("shoalctl --version and shoalctl version print the same, exit 0, without a daemon") {
    for (const auto& args :
         {std::vector<std::string>{"--version"}, std::vector<std::string>{"version"},
          std::vector<std::string>{"version", "-o", "table"}}) {
        auto with = kNoDaemon;
        with.insert(with.end(), args.begin(), args.end());
        const auto run = shoalctl(with);
        INFO(args[0] << ": " << run.err);
        CHECK(run.exit_code == 0);
        CHECK(run.err.empty());
        CHECK(run.out == expected_lines("shoalctl"));
    }
}

TEST_CASE("shoalctl version -o json carries the same three fields") {
    for (const auto& args : {std::vector<std::string>{"version", "-o", "json"},
                             std::vector<std::string>{"-o", "json", "version"}}) {
        auto with = kNoDaemon;
        with.insert(with.end(), args.begin(), args.end());
        const auto run = shoalctl(with);
        CHECK(run.exit_code == 0);
        const auto answer = json::parse(run.out);
        CHECK(answer == json{{"version", SHOAL_EXPECTED_VERSION},
                             {"git_commit", SHOAL_EXPECTED_COMMIT},
                             {"dataplane_format", SHOAL_DATAPLANE_FORMAT}});
    }
}

TEST_CASE("the version is a Debian version and the commit a full id (or unknown outside git)") {
    const std::string version = SHOAL_EXPECTED_VERSION;
    const std::string commit = SHOAL_EXPECTED_COMMIT;
    CHECK_FALSE(version.empty());
    CHECK(version.find_first_not_of(
              "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+~") ==
          std::string::npos);
    CHECK((commit == "unknown" ||
           (commit.size() == 40 &&
            commit.find_first_not_of("0123456789abcdef") == std::string::npos)));
}
