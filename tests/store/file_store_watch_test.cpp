// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "state/atomic_file.h"
#include "store/file_store.h"
#include "store/generation_codec.h"
#include "store_fixture.h"
#include "support/temp_dir.h"

using namespace shoal::store;
using namespace std::chrono_literals;

namespace {
// Runs the io_context until `done` holds or the deadline passes; returns `done()`.
template <class Done>
bool run_until(boost::asio::io_context& io, Done done, std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        io.restart();
        io.run_one_for(deadline - std::chrono::steady_clock::now());
    }
    return done();
}

FileStore open(const shoal::test::TempDir& dir, std::chrono::milliseconds check_interval) {
    return FileStore(FileStoreOptions{dir / "store", 10, check_interval});
}

std::uint64_t generation_of(const ReadResult& result) {
    return result.snapshot ? result.snapshot->generation : 0;
}
}  // namespace

TEST_CASE("a watch reports the current state first, then each publish at once through inotify") {
    shoal::test::TempDir dir;
    auto watched = open(dir, 1h);  // the timer never fires in this test: inotify alone
    auto publisher = open(dir, 1h);
    boost::asio::io_context io;
    std::vector<ReadResult> seen;
    auto watch = watched.watch(io, [&](const ReadResult& result) { seen.push_back(result); });

    REQUIRE(run_until(io, [&] { return seen.size() == 1; }));
    CHECK(seen[0].snapshot == nullptr);
    CHECK(seen[0].current_generation == 0);

    publisher.publish(shoal::test::make_snapshot(1));
    REQUIRE(run_until(io, [&] { return seen.size() == 2; }));
    CHECK(generation_of(seen[1]) == 1);
    CHECK(*seen[1].snapshot == shoal::test::make_snapshot(1));

    publisher.publish(shoal::test::make_snapshot(2));
    publisher.publish(shoal::test::make_snapshot(3));
    REQUIRE(run_until(io, [&] { return !seen.empty() && generation_of(seen.back()) == 3; }));
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(generation_of(seen[i]) > generation_of(seen[i - 1]));
}

TEST_CASE("a pointer change inotify does not report is still caught by the re-check timer") {
    shoal::test::TempDir dir;
    auto watched = open(dir, 50ms);
    auto publisher = open(dir, 1h);
    publisher.publish(shoal::test::make_snapshot(1));
    boost::asio::io_context io;
    std::uint64_t latest = 0;
    auto watch =
        watched.watch(io, [&](const ReadResult& result) { latest = generation_of(result); });
    REQUIRE(run_until(io, [&] { return latest == 1; }));

    // Generation 2 written, then the pointer rewritten in place and left open: no rename and no
    // close-after-write, so none of the events the watch listens for.
    shoal::state::write_file_atomically(publisher.generation_path(2),
                                        encode_generation(shoal::test::make_snapshot(2)));
    const int fd = ::open(publisher.current_path().c_str(), O_WRONLY | O_TRUNC);
    REQUIRE(fd >= 0);
    const std::string pointer = "{\"generation\":2}\n";
    REQUIRE(::write(fd, pointer.data(), pointer.size()) == static_cast<ssize_t>(pointer.size()));
    CHECK(run_until(io, [&] { return latest == 2; }));
    ::close(fd);
}

TEST_CASE(
    "a corrupt new generation reaches the watcher as a problem, with the last good snapshot") {
    shoal::test::TempDir dir;
    auto watched = open(dir, 1h);
    auto publisher = open(dir, 1h);
    publisher.publish(shoal::test::make_snapshot(1));
    boost::asio::io_context io;
    std::vector<ReadResult> seen;
    auto watch = watched.watch(io, [&](const ReadResult& result) { seen.push_back(result); });
    REQUIRE(run_until(io, [&] { return seen.size() == 1; }));

    auto bytes = encode_generation(shoal::test::make_snapshot(2));
    bytes[bytes.size() - 20] ^= 0x10;
    shoal::state::write_file_atomically(publisher.generation_path(2), bytes);
    shoal::state::write_file_atomically(publisher.current_path(), "{\"generation\":2}\n");
    REQUIRE(run_until(io, [&] { return seen.size() == 2; }));
    CHECK(generation_of(seen[1]) == 1);
    CHECK(seen[1].current_generation == 2);
    REQUIRE(seen[1].problems.size() == 1);
    CHECK_THAT(seen[1].problems[0], Catch::Contains("corrupt"));

    publisher.publish(shoal::test::make_snapshot(3));
    REQUIRE(run_until(io, [&] { return seen.size() == 3; }));
    CHECK(seen[2].is_current());
    CHECK(seen[2].problems.empty());
}

TEST_CASE("destroying the watch stops it and leaves no work on the io_context") {
    shoal::test::TempDir dir;
    auto watched = open(dir, 20ms);
    boost::asio::io_context io;
    int calls = 0;
    auto watch = watched.watch(io, [&](const ReadResult&) { ++calls; });
    REQUIRE(run_until(io, [&] { return calls == 1; }));
    watch.reset();
    open(dir, 1h).publish(shoal::test::make_snapshot(1));
    io.restart();
    io.run_for(5s);  // returns as soon as the aborted handlers have run: nothing is left
    CHECK(io.stopped());
    CHECK(calls == 1);
}
