// SPDX-License-Identifier: MIT
#include "store/file_store.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "state/atomic_file.h"
#include "store/generation_codec.h"
#include "store_fixture.h"
#include "support/temp_dir.h"

using namespace shoal::store;
using shoal::test::make_snapshot;

namespace {
FileStore open(const shoal::test::TempDir& dir, std::uint32_t keep = 10) {
    return FileStore(FileStoreOptions{dir / "store", keep, std::chrono::milliseconds(1000)});
}

void flip_byte(const std::filesystem::path& path, std::size_t from_end) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(-static_cast<std::streamoff>(from_end), std::ios::end);
    char c = 0;
    file.get(c);
    file.seekp(-static_cast<std::streamoff>(from_end), std::ios::end);
    file.put(static_cast<char>(c ^ 0x01));
}

std::vector<std::string> store_files(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}
}  // namespace

TEST_CASE("an empty store reads as nothing published") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    const auto result = store.read();
    CHECK(result.snapshot == nullptr);
    CHECK(result.current_generation == 0);
    CHECK(result.problems.empty());
    CHECK(store.generations().empty());
}

TEST_CASE("a published snapshot is what another reader of the directory reads") {
    shoal::test::TempDir dir;
    auto writer = open(dir);
    writer.publish(make_snapshot(1));
    writer.publish(make_snapshot(5));  // generations may skip, they only have to grow
    auto reader = open(dir);
    const auto result = reader.read();
    REQUIRE(result.snapshot);
    CHECK(*result.snapshot == make_snapshot(5));
    CHECK(result.current_generation == 5);
    CHECK(result.is_current());
    CHECK(result.problems.empty());
    CHECK(reader.generations() == std::vector<std::uint64_t>{1, 5});
    // Nothing but the pointer, the generations, the lock and the reports directory is left.
    CHECK(store_files(dir / "store") ==
          std::vector<std::string>{".lock", "current", "gen-00000000000000000001.json",
                                   "gen-00000000000000000005.json", "reports"});
}

TEST_CASE("publishing a generation not above the current one is refused") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    store.publish(make_snapshot(7));
    CHECK_THROWS_AS(store.publish(make_snapshot(7)), StaleGenerationError);
    try {
        store.publish(make_snapshot(3));
        FAIL("stale generation accepted");
    } catch (const StaleGenerationError& e) {
        CHECK(e.refused() == 3);
        CHECK(e.current() == 7);
        CHECK(std::string(e.what()) ==
              "refused to publish generation 3: the store is already at generation 7; a new "
              "generation must be above it");
    }
    CHECK(store.read().snapshot->generation == 7);
    CHECK(store.generations() == std::vector<std::uint64_t>{7});
}

TEST_CASE("an invalid snapshot is refused before anything is written") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    auto bad = make_snapshot(1);
    bad.tables[0].buckets.resize(300);
    CHECK_THROWS_WITH(store.publish(bad),
                      Catch::Contains("refused to publish generation 1: table web: 300 buckets"));
    CHECK_THROWS_WITH(store.publish(make_snapshot(0)),
                      Catch::Contains("generation 0; generations start at 1"));
    CHECK(store.read().current_generation == 0);
}

TEST_CASE(
    "a corrupt current generation is never returned: the previous good one is, with the reason") {
    shoal::test::TempDir dir;
    auto writer = open(dir);
    writer.publish(make_snapshot(1));
    writer.publish(make_snapshot(2));
    auto seen_two = open(dir);
    REQUIRE(seen_two.read().snapshot->generation == 2);
    writer.publish(make_snapshot(3));
    flip_byte(writer.generation_path(3), 100);

    SECTION("a fresh reader falls back to the newest generation that verifies") {
        auto reader = open(dir);
        const auto result = reader.read();
        REQUIRE(result.snapshot);
        CHECK(result.snapshot->generation == 2);
        CHECK(result.current_generation == 3);
        CHECK_FALSE(result.is_current());
        REQUIRE(result.problems.size() == 1);
        CHECK_THAT(result.problems[0],
                   Catch::StartsWith(writer.generation_path(3).string() + ": corrupt: body CRC32"));
    }
    SECTION("a reader that already has the previous generation keeps it") {
        const auto result = seen_two.read();
        CHECK(result.snapshot->generation == 2);
        CHECK(result.problems.size() == 1);
    }
    SECTION("retained generations that are corrupt too are skipped, each with its reason") {
        flip_byte(writer.generation_path(2), 50);
        auto reader = open(dir);
        const auto result = reader.read();
        REQUIRE(result.snapshot);
        CHECK(result.snapshot->generation == 1);
        CHECK(result.problems.size() == 2);
    }
    SECTION("read_generation of a corrupt generation throws with the reason") {
        CHECK_THROWS_WITH(open(dir).read_generation(3), Catch::Contains("corrupt: body CRC32"));
    }
    SECTION("the next good publish is current again") {
        writer.publish(make_snapshot(4));
        const auto result = open(dir).read();
        CHECK(result.snapshot->generation == 4);
        CHECK(result.problems.empty());
    }
}

TEST_CASE("a generation written but never made current (a torn publish) is never read") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    store.publish(make_snapshot(1));
    // A publisher that crashed between writing its generation and flipping the pointer.
    shoal::state::write_file_atomically(store.generation_path(2),
                                        encode_generation(make_snapshot(2)));
    CHECK(open(dir).read().snapshot->generation == 1);
    CHECK(open(dir).generations() == std::vector<std::uint64_t>{1});
    // The next publish may reuse the number, and replaces the orphan.
    store.publish(make_snapshot(2));
    CHECK(*open(dir).read().snapshot == make_snapshot(2));
}

TEST_CASE("a truncated generation file falls back like a corrupt one") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    store.publish(make_snapshot(1));
    store.publish(make_snapshot(2));
    std::filesystem::resize_file(store.generation_path(2), 200);
    const auto result = open(dir).read();
    CHECK(result.snapshot->generation == 1);
    REQUIRE(result.problems.size() == 1);
    CHECK_THAT(result.problems[0], Catch::Contains("torn"));
}

TEST_CASE("a damaged current pointer is reported and the last good snapshot kept") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    store.publish(make_snapshot(1));
    REQUIRE(store.read().snapshot);
    std::ofstream(dir / "store" / "current", std::ios::trunc) << "garbage";
    const auto result = store.read();
    CHECK(result.snapshot->generation == 1);
    REQUIRE(result.problems.size() == 1);
    CHECK_THAT(
        result.problems[0],
        Catch::Contains("current: expected {\"generation\": N} with N > 0, got \"garbage\""));
    // A publisher stays above every generation on disk, and repairs the pointer.
    CHECK_THROWS_AS(store.publish(make_snapshot(1)), StaleGenerationError);
    store.publish(make_snapshot(2));
    CHECK(store.read().is_current());
}

TEST_CASE("only the last N generations are kept") {
    shoal::test::TempDir dir;
    auto store = open(dir, 3);
    for (std::uint64_t generation = 1; generation <= 6; ++generation)
        store.publish(make_snapshot(generation));
    CHECK(store.generations() == std::vector<std::uint64_t>{4, 5, 6});
    CHECK_FALSE(std::filesystem::exists(store.generation_path(3)));
    CHECK(store.read_generation(2) == nullptr);
    REQUIRE(store.read_generation(5) != nullptr);
    CHECK(*store.read_generation(5) == make_snapshot(5));
}

TEST_CASE("stale temp files of crashed publishers are removed by the next publish") {
    shoal::test::TempDir dir;
    auto store = open(dir);
    store.publish(make_snapshot(1));
    const auto temp =
        dir / "store" / ".gen-00000000000000000002.json.tmp-999999999-0";  // no such pid
    std::ofstream(temp) << "half a generation";
    CHECK(open(dir).read().snapshot->generation == 1);
    store.publish(make_snapshot(2));
    CHECK_FALSE(std::filesystem::exists(temp));
}
