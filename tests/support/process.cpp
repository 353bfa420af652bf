// SPDX-License-Identifier: MIT
#include "support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "base/errors.h"

namespace shoal::test {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(errno_message(what)); }

// The master side of a new pseudo-terminal and the path of its slave side.
std::pair<int, std::string> open_terminal() {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) fail("posix_openpt");
    if (::grantpt(master) != 0 || ::unlockpt(master) != 0) {
        ::close(master);
        fail("grantpt/unlockpt");
    }
    const char* name = ::ptsname(master);
    if (!name) {
        ::close(master);
        fail("ptsname");
    }
    return {master, name};
}

[[noreturn]] void exec_child(char* const* args, const ProcessOptions& options, int out_fd,
                             int err_fd, const std::string& terminal) {
    if (!terminal.empty()) {
        ::setsid();
        out_fd = ::open(terminal.c_str(), O_RDWR);
        if (out_fd < 0) ::_exit(126);
        termios mode{};
        // Raw output so the test sees exactly what shoalctl wrote ("\r" stays "\r").
        if (::tcgetattr(out_fd, &mode) == 0) {
            mode.c_oflag &= ~OPOST;
            ::tcsetattr(out_fd, TCSANOW, &mode);
        }
    }
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    for (const auto& name : options.unset_env) ::unsetenv(name.c_str());
    for (const auto& [name, value] : options.set_env) ::setenv(name.c_str(), value.c_str(), 1);
    ::execvp(args[0], args);
    static const char message[] = "exec failed\n";
    (void)!::write(STDERR_FILENO, message, sizeof(message) - 1);
    ::_exit(127);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    if (argv.empty()) throw std::invalid_argument("run_process: empty argv");
    int out_pipe[2] = {-1, -1};
    int err_pipe[2];
    std::string terminal;
    if (options.stdout_on_terminal) {
        auto [master, name] = open_terminal();
        out_pipe[0] = master;
        terminal = name;
    } else if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        fail("pipe");
    }
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail("pipe");

    std::vector<char*> args;  // built before fork: another thread may hold the allocator's lock
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) fail("fork " + argv[0]);
    if (pid == 0) exec_child(args.data(), options, out_pipe[1], err_pipe[1], terminal);
    if (out_pipe[1] >= 0) ::close(out_pipe[1]);
    ::close(err_pipe[1]);

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + options.deadline;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_count = 2;
    while (open_count > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) fail("poll");
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buffer[4096];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof(buffer));
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                // EOF, or EIO on a terminal master once the child has exited.
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) ::close(fd.fd);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return result;
}

std::string run_command(const std::vector<std::string>& argv) {
    const auto result = run_process(argv);
    if (result.exit_code == 0) return result.out;
    const std::string how = result.timed_out ? "timed out"
                            : result.exit_code >= 0
                                ? "exited " + std::to_string(result.exit_code)
                                : "killed by signal " + std::to_string(result.signal);
    throw std::runtime_error("`" + command_line(argv) + "` " + how + ": " + result.err);
}

ProcessResult run_shell(const std::string& command, const ProcessOptions& options) {
    return run_process({"/bin/sh", "-c", "exec 2>&1; " + command}, options);
}

std::string command_line(const std::vector<std::string>& argv) {
    std::string line;
    for (const std::string& a : argv) line += (line.empty() ? "" : " ") + a;
    return line;
}

}  // namespace shoal::test
