// SPDX-License-Identifier: MIT
// Watches a file store for new generations on an Asio io_context: inotify on the directory
// for a prompt reaction, plus a timer that re-checks anyway, so a missed or overflowed event
// (or a directory that was replaced) never leaves an agent stale.
#include <fmt/format.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <optional>

#include "store/file_store.h"

namespace shoal::store {

namespace {
constexpr std::uint32_t kWatchMask =
    IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

// What the last callback reported; a new one goes out only when this changes.
struct Seen {
    std::uint64_t snapshot_generation = 0;
    std::uint64_t current_generation = 0;
    std::vector<std::string> problems;
    bool operator==(const Seen&) const = default;
};

int make_inotify() {
    const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) throw StoreError(fmt::format("inotify_init1: {}", std::strerror(errno)));
    return fd;
}
}  // namespace

class FileStoreWatcher : public std::enable_shared_from_this<FileStoreWatcher> {
  public:
    FileStoreWatcher(boost::asio::io_context& io, FileStore& store,
                     std::chrono::milliseconds interval, WatchCallback on_change)
        : inotify_(io, make_inotify()),
          timer_(io),
          store_(store),
          interval_(interval),
          on_change_(std::move(on_change)) {}

    void start() {
        add_watch();
        boost::asio::post(inotify_.get_executor(), [self = shared_from_this()] {
            if (!self->stopped_) self->check();
        });
        arm_inotify();
        arm_timer();
    }

    void stop() {
        stopped_ = true;
        timer_.cancel();
        boost::system::error_code ignored;
        inotify_.close(ignored);  // also drops the watch
    }

  private:
    void add_watch() {
        watch_ = ::inotify_add_watch(inotify_.native_handle(), store_.options().directory.c_str(),
                                     kWatchMask);
        // On failure (directory gone for now) the timer keeps checking and retries.
    }

    void arm_inotify() {
        inotify_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                            [self = shared_from_this()](const boost::system::error_code& ec) {
                                if (ec || self->stopped_) return;
                                const bool relevant = self->drain_events();
                                self->arm_inotify();
                                if (relevant) self->check();
                            });
    }

    void arm_timer() {
        timer_.expires_after(interval_);
        timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (ec || self->stopped_) return;
            if (self->watch_ < 0) self->add_watch();
            self->arm_timer();
            self->check();
        });
    }

    // Reads every pending event; true when the pointer may have changed.
    bool drain_events() {
        alignas(inotify_event) std::array<char, 8192> buffer;
        bool relevant = false;
        for (;;) {
            const ssize_t n = ::read(inotify_.native_handle(), buffer.data(), buffer.size());
            if (n <= 0) break;  // EAGAIN: drained
            for (ssize_t offset = 0; offset < n;) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + offset);
                if (event->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) watch_ = -1;
                if (event->mask & IN_Q_OVERFLOW) relevant = true;
                if (event->len > 0 && std::strcmp(event->name, "current") == 0) relevant = true;
                offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            }
        }
        if (watch_ < 0) {
            add_watch();
            relevant = true;
        }
        return relevant;
    }

    void check() {
        ReadResult result;
        try {
            result = store_.read();
        } catch (const std::exception& e) {
            result.problems.push_back(fmt::format("{}: {}", store_.describe(), e.what()));
        }
        Seen seen{result.snapshot ? result.snapshot->generation : 0, result.current_generation,
                  result.problems};
        if (last_ && *last_ == seen) return;
        last_ = std::move(seen);
        on_change_(result);
    }

    boost::asio::posix::stream_descriptor inotify_;
    boost::asio::steady_timer timer_;
    FileStore& store_;
    std::chrono::milliseconds interval_;
    WatchCallback on_change_;
    int watch_ = -1;
    bool stopped_ = false;
    std::optional<Seen> last_;
};

std::unique_ptr<StoreWatch> FileStore::watch(boost::asio::io_context& io, WatchCallback on_change) {
    return std::make_unique<WorkerWatch<FileStoreWatcher>>(std::make_shared<FileStoreWatcher>(
        io, *this, options_.check_interval, std::move(on_change)));
}

}  // namespace shoal::store
