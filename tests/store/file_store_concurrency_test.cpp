// SPDX-License-Identifier: MIT
// Publishers in separate processes race each other while reader threads read in a loop:
// no reader ever sees a torn or failing snapshot, and generations only go up.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "store/file_store.h"
#include "store_fixture.h"
#include "support/temp_dir.h"

using namespace shoal::store;

namespace {
constexpr int kWriters = 3;
constexpr int kPublishesPerWriter = 60;
constexpr std::size_t kTableSize = 4096;

FileStoreOptions options(const shoal::test::TempDir& dir) {
    return FileStoreOptions{
        dir / "store", 3, std::chrono::milliseconds(1000)};  // small retention: pruning races reads
}

// Child process: publish the next generation kPublishesPerWriter times, retrying when
// another writer got there first. Writes its count of successes to a file.
[[noreturn]] void run_writer(const shoal::test::TempDir& dir, int id) {
    int status = 0;
    try {
        FileStore store(options(dir));
        int published = 0, refused = 0;
        while (published < kPublishesPerWriter) {
            const auto next = store.read().current_generation + 1;
            try {
                store.publish(shoal::test::make_snapshot(next, kTableSize));
                ++published;
            } catch (const StaleGenerationError&) {
                ++refused;
            }
        }
        std::ofstream(dir / ("writer-" + std::to_string(id))) << published << " " << refused;
    } catch (const std::exception& e) {
        std::ofstream(dir / ("writer-" + std::to_string(id))) << "error " << e.what();
        status = 1;
    }
    ::_exit(status);
}

struct ReaderLog {
    std::uint64_t reads = 0;
    std::uint64_t last_generation = 0;
    std::vector<std::string> failures;  // empty if every read was good
};

void run_reader(const shoal::test::TempDir& dir, const std::atomic<bool>& stop, ReaderLog& log) {
    FileStore store(options(dir));
    while (!stop.load()) {
        const auto result = store.read();
        ++log.reads;
        for (const auto& problem : result.problems) log.failures.push_back("problem: " + problem);
        if (!result.snapshot) continue;
        const auto generation = result.snapshot->generation;
        if (generation < log.last_generation)
            log.failures.push_back("generation went back from " +
                                   std::to_string(log.last_generation) + " to " +
                                   std::to_string(generation));
        // Every generation's content is a function of its number: anything else is torn.
        if (*result.snapshot != shoal::test::make_snapshot(generation, kTableSize))
            log.failures.push_back("generation " + std::to_string(generation) +
                                   " does not hold what was published");
        log.last_generation = generation;
        if (log.failures.size() > 10) return;
    }
}
}  // namespace

TEST_CASE(
    "concurrent publishers in separate processes and concurrent readers never see a torn "
    "generation") {
    shoal::test::TempDir dir;
    std::vector<pid_t> writers;
    for (int id = 0; id < kWriters; ++id) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) run_writer(dir, id);
        writers.push_back(pid);
    }
    std::atomic<bool> stop{false};
    std::vector<ReaderLog> logs(2);
    std::vector<std::thread> readers;
    for (auto& log : logs)
        readers.emplace_back([&dir, &stop, &log] { run_reader(dir, stop, log); });

    int failed_writers = 0;
    for (pid_t pid : writers) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        failed_writers += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    stop = true;
    for (auto& reader : readers) reader.join();

    CHECK(failed_writers == 0);
    int total_published = 0, total_refused = 0;
    for (int id = 0; id < kWriters; ++id) {
        std::ifstream in(dir / ("writer-" + std::to_string(id)));
        int published = 0, refused = 0;
        in >> published >> refused;
        total_published += published;
        total_refused += refused;
    }
    // Each successful publish moved the store up by exactly one generation.
    CHECK(total_published == kWriters * kPublishesPerWriter);
    FileStore store(options(dir));
    const auto final_read = store.read();
    CHECK(final_read.current_generation == static_cast<std::uint64_t>(total_published));
    CHECK(store.generations().size() == 3);
    for (const auto& log : logs) {
        CAPTURE(log.failures);
        CHECK(log.failures.empty());
        CHECK(log.reads > 0);
        CHECK(log.last_generation > 0);
    }
    std::printf("concurrency: %d publishes, %d refused as stale, reads: %llu + %llu\n",
                total_published, total_refused, static_cast<unsigned long long>(logs[0].reads),
                static_cast<unsigned long long>(logs[1].reads));
}
