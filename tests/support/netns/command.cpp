// SPDX-License-Identifier: MIT
#include "netns/command.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shoal::test {
namespace {

// Drains both pipes until the child closes them, so neither can fill up and block it.
void read_both(int out_fd, int err_fd, std::string& out, std::string& err)
{
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open_fds = 2;
    char buf[4096];
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            const ssize_t n = ::read(fds[i].fd, buf, sizeof(buf));
            if (n > 0) {
                sinks[i]->append(buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1; // poll ignores negative fds
                --open_fds;
            }
        }
    }
}

std::runtime_error failure(const std::vector<std::string>& argv, const std::string& why)
{
    return std::runtime_error("`" + command_line(argv) + "` " + why);
}

} // namespace

std::string command_line(const std::vector<std::string>& argv)
{
    std::string line;
    for (const std::string& a : argv)
        line += (line.empty() ? "" : " ") + a;
    return line;
}

std::string run_command(const std::vector<std::string>& argv)
{
    if (argv.empty())
        throw std::invalid_argument("run_command: empty argv");
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        throw failure(argv, std::string("could not start: pipe: ") + std::strerror(errno));
    std::vector<char*> args; // built before fork: the child only calls async-signal-safe functions
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        throw failure(argv, std::string("could not start: fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::execvp(args[0], args.data());
        static const char msg[] = "exec failed\n";
        (void)!::write(STDERR_FILENO, msg, sizeof(msg) - 1);
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    std::string stdout_text, stderr_text;
    read_both(out[0], err[0], stdout_text, stderr_text);
    ::close(out[0]);
    ::close(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return stdout_text;
    const std::string how = WIFEXITED(status)
                                ? "exited " + std::to_string(WEXITSTATUS(status))
                                : "killed by signal " + std::to_string(WTERMSIG(status));
    throw failure(argv, how + ": " + stderr_text);
}

} // namespace shoal::test
