// SPDX-License-Identifier: MIT
#include "support/daemon_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/errors.h"

namespace shoal::test {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

NotifyListener::NotifyListener() {
    fd_.reset(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!fd_.valid()) throw std::runtime_error(errno_message("notify socket"));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    if (bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
        throw std::runtime_error(errno_message("bind " + path_));
}

bool NotifyListener::wait_for(const std::string& needle, std::chrono::milliseconds deadline) {
    auto until = Clock::now() + deadline;
    auto seen = [&] {
        for (const auto& m : messages_)
            if (m.find(needle) != std::string::npos) return true;
        return false;
    };
    while (!seen()) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd_.get(), POLLIN, 0};
        if (poll(&p, 1, int(left)) <= 0) continue;
        char buf[4096];
        ssize_t n = recv(fd_.get(), buf, sizeof(buf), 0);
        if (n > 0) messages_.emplace_back(buf, size_t(n));
    }
    return true;
}

DaemonProcess::DaemonProcess(const std::string& netns_path, const std::string& binary,
                             const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env) {
    std::vector<std::string> argv = {binary};
    if (!netns_path.empty()) argv = {"nsenter", "--net=" + netns_path, binary};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error(errno_message("fork"));
    if (pid_ == 0) {
        // Killed with the test, even when the test dies before its destructors run.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(1);
        int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (log >= 0) dup2(log, 2);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> cargv;
        for (auto& a : argv) cargv.push_back(a.data());
        cargv.push_back(nullptr);
        execvp(cargv[0], cargv.data());
        _exit(127);
    }
}

DaemonProcess::~DaemonProcess() {
    if (!reaped_) {
        kill(pid_, SIGKILL);
        wait(std::chrono::seconds(10));
    }
}

void DaemonProcess::signal(int sig) const { kill(pid_, sig); }

int DaemonProcess::wait(std::chrono::milliseconds deadline) {
    auto until = Clock::now() + deadline;
    while (Clock::now() < until) {
        int status = 0;
        pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            reaped_ = true;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(20));  // polling a child: no event to wait on
    }
    return -1;
}

std::string DaemonProcess::log() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace shoal::test
