// SPDX-License-Identifier: MIT
#include "store/file_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <system_error>

#include "base/errors.h"
#include "base/unique_fd.h"
#include "config/limits.h"
#include "state/atomic_file.h"
#include "store/generation_codec.h"

namespace shoal::store {

namespace {
constexpr std::string_view kGenPrefix = "gen-";
constexpr std::string_view kGenSuffix = ".json";

bool is_missing(const std::system_error& e) {
    return e.code() == std::errc::no_such_file_or_directory;
}

std::optional<std::uint64_t> generation_of(std::string_view file_name) {
    if (!file_name.starts_with(kGenPrefix) || !file_name.ends_with(kGenSuffix)) return std::nullopt;
    const auto digits = file_name.substr(kGenPrefix.size(),
                                         file_name.size() - kGenPrefix.size() - kGenSuffix.size());
    std::uint64_t generation = 0;
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), generation);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.size() != 20)
        return std::nullopt;
    return generation;
}

// Serialises publishers, across threads and processes (each lock has its own open file).
class PublishLock {
  public:
    explicit PublishLock(const std::filesystem::path& path)
        : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
        if (!fd_.valid()) throw StoreError(errno_message("open lock file " + path.string()));
        while (::flock(fd_.get(), LOCK_EX) != 0) {
            if (errno == EINTR) continue;
            throw StoreError(errno_message("lock " + path.string()));
        }
    }
    // Closing the descriptor (UniqueFd) releases the flock.
    PublishLock(const PublishLock&) = delete;
    PublishLock& operator=(const PublishLock&) = delete;

  private:
    UniqueFd fd_;
};
}  // namespace

FileStore::FileStore(FileStoreOptions options) : options_(std::move(options)) {
    if (options_.keep_generations == 0) options_.keep_generations = 1;
    std::error_code ec;
    std::filesystem::create_directories(options_.directory / "reports", ec);
    if (ec)
        throw StoreError(fmt::format("create store directory {}: {}", options_.directory.string(),
                                     ec.message()));
}

std::string FileStore::describe() const { return "file store " + options_.directory.string(); }

std::filesystem::path FileStore::generation_path(std::uint64_t generation) const {
    return options_.directory / fmt::format("{}{:020}{}", kGenPrefix, generation, kGenSuffix);
}

std::optional<std::uint64_t> FileStore::read_pointer() const {
    std::string text;
    try {
        text = state::read_whole_file(current_path());
    } catch (const std::system_error& e) {
        if (is_missing(e)) return std::nullopt;
        throw StoreError(fmt::format("{}: read the current pointer: {}", describe(), e.what()));
    }
    try {
        const auto pointer = nlohmann::json::parse(text);
        if (pointer.is_object() && pointer.size() == 1 && pointer.contains("generation") &&
            pointer["generation"].is_number_unsigned() &&
            pointer["generation"].get<std::uint64_t>() > 0)
            return pointer["generation"].get<std::uint64_t>();
    } catch (const nlohmann::json::parse_error&) {
    }
    throw StoreError(fmt::format("{}: expected {{\"generation\": N}} with N > 0, got \"{}\"",
                                 current_path().string(), text.substr(0, 80)));
}

std::vector<std::uint64_t> FileStore::generation_files() const {
    std::vector<std::uint64_t> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(options_.directory, ec))
        if (auto generation = generation_of(entry.path().filename().string()))
            found.push_back(*generation);
    if (ec) throw StoreError(fmt::format("list {}: {}", options_.directory.string(), ec.message()));
    std::sort(found.begin(), found.end());
    return found;
}

std::shared_ptr<const Snapshot> FileStore::load(std::uint64_t generation) const {
    const auto path = generation_path(generation);
    std::string bytes;
    try {
        bytes = state::read_whole_file(path);
    } catch (const std::system_error& e) {
        if (is_missing(e)) return nullptr;
        throw StoreError(fmt::format("generation {}: {}", generation, e.what()));
    }
    auto snapshot = std::make_shared<Snapshot>(decode_generation(bytes, path.string()));
    if (snapshot->generation != generation)
        throw StoreError(fmt::format("{}: holds generation {}, not {}", path.string(),
                                     snapshot->generation, generation));
    return snapshot;
}

void FileStore::publish(const Snapshot& snapshot) {
    check_publishable(*this, snapshot);
    const auto encoded = encode_generation(snapshot);
    PublishLock lock(options_.directory / ".lock");
    std::uint64_t current = 0;
    try {
        current = read_pointer().value_or(0);
    } catch (const StoreError&) {
        // A damaged pointer: stay above every generation on disk so readers never go back.
        const auto files = generation_files();
        current = files.empty() ? 0 : files.back();
    }
    if (snapshot.generation <= current) throw StaleGenerationError(snapshot.generation, current);
    try {
        state::write_file_atomically(generation_path(snapshot.generation), encoded);
        state::write_file_atomically(
            current_path(), nlohmann::json{{"generation", snapshot.generation}}.dump() + "\n");
    } catch (const std::system_error& e) {
        throw StoreError(fmt::format("{}: publish generation {}: {}", describe(),
                                     snapshot.generation, e.what()));
    }
    prune(snapshot.generation);
}

void FileStore::prune(std::uint64_t current) const {
    // Under the publish lock: files above `current` are left by publishers that crashed
    // before flipping the pointer, and temp files by writes that never finished.
    const auto files = generation_files();
    const auto kept_from =
        current >= options_.keep_generations ? current - options_.keep_generations + 1 : 0;
    std::error_code ec;
    for (auto generation : files)
        if (generation < kept_from || generation > current)
            std::filesystem::remove(generation_path(generation), ec);
    state::remove_stale_temp_files(options_.directory);
}

ReadResult FileStore::read() {
    std::lock_guard lock(mutex_);
    ReadResult result;
    for (int attempt = 0; attempt < 3; ++attempt) {
        result = ReadResult{};
        std::optional<std::uint64_t> pointer;
        try {
            pointer = read_pointer();
        } catch (const StoreError& e) {
            result.problems.push_back(e.what());
            result.snapshot = last_good_;
            return result;
        }
        if (!pointer) return result;
        result.current_generation = *pointer;
        if (last_good_ && last_good_->generation == *pointer) {
            result.snapshot = last_good_;
            return result;
        }
        try {
            if (auto snapshot = load(*pointer)) {
                last_good_ = std::move(snapshot);
                result.snapshot = last_good_;
                return result;
            }
        } catch (const StoreError& e) {
            result.problems.push_back(e.what());
            fall_back(
                result, last_good_, [this] { return generation_files(); },
                [this](std::uint64_t generation) { return load(generation); });
            return result;
        }
        // Missing: publishers pruned it after we read the pointer; read the pointer again.
    }
    result.problems.push_back(
        fmt::format("{}: missing", generation_path(result.current_generation).string()));
    fall_back(
        result, last_good_, [this] { return generation_files(); },
        [this](std::uint64_t generation) { return load(generation); });
    return result;
}

std::shared_ptr<const Snapshot> FileStore::read_generation(std::uint64_t generation) {
    {
        std::lock_guard lock(mutex_);
        if (last_good_ && last_good_->generation == generation) return last_good_;
    }
    return load(generation);
}

std::vector<std::uint64_t> FileStore::generations() {
    const auto pointer = read_pointer().value_or(0);
    auto files = generation_files();
    std::erase_if(files, [pointer](std::uint64_t generation) { return generation > pointer; });
    return files;
}

void FileStore::put_report(const AgentReport& report) {
    if (!config::is_valid_name(report.server))
        throw StoreError(fmt::format("{}: report for server \"{}\": expected {}", describe(),
                                     report.server, config::kNameRule));
    const auto path = options_.directory / "reports" / (report.server + ".json");
    try {
        state::write_file_atomically(path, report.to_json().dump() + "\n");
    } catch (const std::system_error& e) {
        throw StoreError(fmt::format("{}: put report: {}", describe(), e.what()));
    }
}

ReportsResult FileStore::read_reports() {
    ReportsResult result;
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry :
         std::filesystem::directory_iterator(options_.directory / "reports", ec)) {
        const auto name = entry.path().filename().string();
        if (!state::is_temp_file_name(name) && name.ends_with(".json"))
            paths.push_back(entry.path());
    }
    if (ec)
        result.problems.push_back(fmt::format("{}: list reports: {}", describe(), ec.message()));
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        try {
            auto report = AgentReport::from_json(
                nlohmann::json::parse(state::read_whole_file(path)), path.string());
            if (report.server + ".json" != path.filename().string())
                throw StoreError(fmt::format("{}: /server: \"{}\" does not match the file name",
                                             path.string(), report.server));
            result.reports.push_back(std::move(report));
        } catch (const std::system_error& e) {
            if (!is_missing(e))
                result.problems.push_back(e.what());  // a report replaced meanwhile is fine
        } catch (const nlohmann::json::parse_error& e) {
            result.problems.push_back(fmt::format("{}: invalid JSON: {}", path.string(), e.what()));
        } catch (const StoreError& e) {
            result.problems.push_back(e.what());
        }
    }
    return result;
}

}  // namespace shoal::store
