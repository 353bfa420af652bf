// SPDX-License-Identifier: MIT
#pragma once
// A real shoald, started inside a test namespace (nsenter keeps the pid) or the test's own,
// with a NOTIFY_SOCKET the test listens on like systemd does.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/unique_fd.h"
#include "support/temp_dir.h"

namespace shoal::test {

// A datagram socket in a temp dir collecting sd_notify messages; both go with it.
class NotifyListener {
  public:
    NotifyListener();

    const std::string& path() const noexcept { return path_; }
    // Waits until a message containing `needle` arrives (or was already seen); false at the
    // deadline. Every message received is kept in messages().
    bool wait_for(const std::string& needle, std::chrono::milliseconds deadline);
    const std::vector<std::string>& messages() const noexcept { return messages_; }

  private:
    TempDir dir_{"shoal-notify"};
    std::string path_ = (dir_ / "notify").string();
    UniqueFd fd_;
    std::vector<std::string> messages_;
};

class DaemonProcess {
  public:
    // Runs `binary args...` in the namespace at netns_path (empty: the test's own) with extra
    // environment variables. Killed (SIGKILL) if the test process dies.
    DaemonProcess(const std::string& netns_path, const std::string& binary,
                  const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env);
    ~DaemonProcess();  // SIGKILL if still running; not copyable (its TempDir is not)

    pid_t pid() const noexcept { return pid_; }
    void signal(int sig) const;
    // Waits for the exit; returns the exit status (128+signal when killed), or -1 at the deadline.
    int wait(std::chrono::milliseconds deadline);
    std::string log() const;  // what it wrote to stderr so far

  private:
    pid_t pid_ = -1;
    TempDir log_dir_{"shoald-log"};
    std::filesystem::path log_path_ = log_dir_ / "stderr.log";
    bool reaped_ = false;
};

}  // namespace shoal::test
