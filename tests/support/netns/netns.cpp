// SPDX-License-Identifier: MIT
#include "netns/netns.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "support/process.h"

namespace shoal::test {
namespace {

constexpr const char* kNetnsDir = "/run/netns";

std::runtime_error errno_failure(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

// The pid in "<prefix>-<pid>-<n>", or 0 when the name does not have that shape.
pid_t owner_pid(std::string_view name, std::string_view prefix) {
    if (name.size() <= prefix.size() + 1 || name.substr(0, prefix.size()) != prefix ||
        name[prefix.size()] != '-')
        return 0;
    const std::string rest(name.substr(prefix.size() + 1));
    char* end = nullptr;
    const long pid = std::strtol(rest.c_str(), &end, 10);
    if (end == rest.c_str() || *end != '-' || pid <= 0) return 0;
    for (const char* p = end + 1; *p; ++p)
        if (*p < '0' || *p > '9') return 0;
    return static_cast<pid_t>(pid);
}

}  // namespace

bool keep_netns() {
    const char* v = std::getenv("SHOAL_KEEP_NETNS");
    return v && std::strcmp(v, "1") == 0;
}

std::size_t sweep_stale_netns(std::string_view prefix) {
    std::error_code ec;
    std::size_t removed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kNetnsDir, ec)) {
        const std::string name = entry.path().filename().string();
        const pid_t pid = owner_pid(name, prefix);
        if (pid == 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        run_command({"ip", "netns", "del", name});
        std::fprintf(stderr, "removed stale netns %s (process %d is gone)\n", name.c_str(), pid);
        ++removed;
    }
    return removed;
}

Netns::Netns(std::string prefix) {
    static std::atomic<unsigned> counter{0};
    if (!keep_netns()) sweep_stale_netns(prefix);
    name_ = prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    run_command({"ip", "netns", "add", name_});
    try {
        link_up("lo");
    } catch (...) {
        run_command({"ip", "netns", "del", name_});
        throw;
    }
}

Netns::~Netns() {
    if (keep_netns()) {
        std::fprintf(stderr, "SHOAL_KEEP_NETNS=1: keeping netns %s (remove: ip netns del %s)\n",
                     name_.c_str(), name_.c_str());
        return;
    }
    try {
        run_command({"ip", "netns", "del", name_});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "could not delete netns %s: %s\n", name_.c_str(), e.what());
    }
}

std::string Netns::path() const { return std::string(kNetnsDir) + "/" + name_; }

std::string Netns::ip(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{"ip", "-n", name_};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

void Netns::link_up(const std::string& ifname) const { ip({"link", "set", "dev", ifname, "up"}); }

void Netns::add_address(const std::string& ifname, const std::string& cidr) const {
    std::vector<std::string> args{"addr", "add", cidr, "dev", ifname};
    if (cidr.find(':') != std::string::npos) args.push_back("nodad");
    ip(args);
}

int Netns::ifindex(const std::string& ifname) const {
    EnterNetns inside(*this);
    const unsigned index = ::if_nametoindex(ifname.c_str());
    if (index == 0) throw errno_failure("if_nametoindex " + ifname + " in netns " + name_);
    return static_cast<int>(index);
}

EnterNetns::EnterNetns(const std::string& netns_path)
    : original_(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)) {
    if (original_ < 0) throw errno_failure("open /proc/thread-self/ns/net");
    const int target = ::open(netns_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (target < 0 || ::setns(target, CLONE_NEWNET) != 0) {
        const std::runtime_error e = errno_failure((target < 0 ? "open " : "setns ") + netns_path);
        if (target >= 0) ::close(target);
        ::close(original_);
        throw e;
    }
    ::close(target);
}

EnterNetns::~EnterNetns() {
    const int rc = ::setns(original_, CLONE_NEWNET);
    const int err = errno;
    ::close(original_);
    if (rc != 0) {
        // The thread would stay in a namespace about to be deleted: nothing sane follows.
        std::fprintf(stderr, "setns back to the original netns: %s\n", std::strerror(err));
        std::abort();
    }
}

}  // namespace shoal::test
