// SPDX-License-Identifier: MIT
#include "state/state_file.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "../config/config_fixture.h"
#include "config/config_loader.h"
#include "state/atomic_file.h"
#include "state/operator_state.h"
#include "support/temp_dir.h"

using shoal::state::OperatorState;
using shoal::state::StateError;
using shoal::state::StateFile;

namespace {
void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::trunc) << text;
}
}  // namespace

TEST_CASE("a missing state file is an empty state") {
    shoal::test::TempDir dir;
    const auto loaded = StateFile(dir / "operator-state.json").load();
    CHECK_FALSE(loaded.existed);
    CHECK(loaded.state.empty());
}

TEST_CASE("saved operator state is loaded back by a new StateFile (conductor restart)") {
    shoal::test::TempDir dir;
    OperatorState state;
    state.drain("srv2");
    state.set_weight("srv1", 40);
    StateFile(dir / "operator-state.json").save(state);

    const auto loaded = StateFile(dir / "operator-state.json").load();
    CHECK(loaded.existed);
    CHECK(loaded.state == state);
    struct stat st {};
    REQUIRE(::stat((dir / "operator-state.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("a temp file left by an interrupted write is ignored and cleaned up") {
    shoal::test::TempDir dir;
    const auto path = dir / "operator-state.json";
    OperatorState state;
    state.drain("srv1");
    StateFile(path).save(state);
    // What a writer killed between create and rename leaves: a half-written temp file,
    // named for a process that no longer exists.
    const pid_t dead = [] {
        const pid_t child = ::fork();
        if (child == 0) ::_exit(0);
        int status = 0;
        ::waitpid(child, &status, 0);
        return child;
    }();
    const auto temp = dir / (".operator-state.json.tmp-" + std::to_string(dead) + "-0");
    write_text(temp, R"({"format": "shoal-operator-state/1", "drained": ["sr)");

    const auto loaded = StateFile(path).load();
    CHECK(loaded.state == state);
    CHECK_FALSE(std::filesystem::exists(temp));
}

TEST_CASE("a temp file of a live writer is left alone") {
    shoal::test::TempDir dir;
    const auto temp = dir / (".operator-state.json.tmp-" + std::to_string(::getpid()) + "-99");
    write_text(temp, "{");
    CHECK(StateFile(dir / "operator-state.json").load().state.empty());
    CHECK(std::filesystem::exists(temp));
}

TEST_CASE("a damaged state file is a clear error naming the file and the problem") {
    shoal::test::TempDir dir;
    const auto path = dir / "operator-state.json";
    write_text(path, R"({"format": "shoal-operator-state/1", "drained": ["srv1")");
    CHECK_THROWS_WITH(StateFile(path).load(),
                      Catch::StartsWith(path.string() + ": invalid JSON: parse error"));

    write_text(path, R"({"format": "shoal-operator-state/1", "weights": {"srv1": "heavy"}})");
    CHECK_THROWS_WITH(
        StateFile(path).load(),
        path.string() + ": /weights/srv1: expected an integer 0..1000000, got \"heavy\"");
}

TEST_CASE("an unreadable state file is an error, not an empty state") {
    shoal::test::TempDir dir;
    std::filesystem::create_directory(dir / "operator-state.json");  // EISDIR on read
    CHECK_THROWS_AS(StateFile(dir / "operator-state.json").load(), StateError);
}

TEST_CASE("loading against the fleet warns about unknown servers but keeps them") {
    shoal::test::TempDir dir;
    const auto fleet =
        shoal::config::parse_config(shoal::test::valid_config().dump(), "shoal.json").fleet;
    OperatorState state;
    state.drain("retired7");
    state.drain("srv1");
    StateFile(dir / "s.json").save(state);
    const auto loaded = StateFile(dir / "s.json").load(fleet);
    CHECK(loaded.state == state);
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] ==
          (dir / "s.json").string() +
              ": server \"retired7\" is not in the fleet config; its drain or weight is kept and "
              "applies if it comes back");
}

TEST_CASE("save into a missing directory fails with the path and errno text") {
    OperatorState state;
    CHECK_THROWS_WITH(StateFile("/nonexistent-dir/s.json").save(state),
                      Catch::Contains("/nonexistent-dir/.s.json.tmp-") &&
                          Catch::Contains("No such file or directory"));
}
