// SPDX-License-Identifier: MIT
#include "etcd_server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/etcd_client.h"
#include "store/etcd_connection.h"

namespace shoal::test {

namespace {
constexpr auto kStartLimit = std::chrono::seconds(30);
}

std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("free_port: cannot bind 127.0.0.1:0");
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string unique_prefix() {
    static std::atomic<int> next = 0;
    return fmt::format("/test-{}", ++next);
}

EtcdServer& shared_etcd() {
    static EtcdServer server;
    return server;
}

EtcdServer::EtcdServer(std::optional<EtcdTlsFiles> tls) : tls_(std::move(tls)) {
    client_port_ = free_port();
    peer_port_ = free_port();
    launch();
    wait_ready();
}

EtcdServer::~EtcdServer() { kill(); }

config::EtcdEndpoint EtcdServer::endpoint() const {
    return {tls_.has_value(), "127.0.0.1", client_port_};
}

config::EtcdConfig EtcdServer::store_config(std::string prefix) const {
    config::EtcdConfig config;
    config.endpoints = {endpoint()};
    config.prefix = std::move(prefix);
    config.request_timeout = std::chrono::milliseconds(1000);
    config.lease_ttl = std::chrono::milliseconds(2000);
    config.grace = std::chrono::milliseconds(0);
    if (tls_) config.ca_file = tls_->ca;
    return config;
}

void EtcdServer::launch() {
    const auto client_url = endpoint().url();
    const auto peer_url = fmt::format("http://127.0.0.1:{}", peer_port_);
    std::vector<std::string> args = {"etcd",
                                     "--name=test",
                                     "--data-dir=" + (dir_ / "data").string(),
                                     "--listen-client-urls=" + client_url,
                                     "--advertise-client-urls=" + client_url,
                                     "--listen-peer-urls=" + peer_url,
                                     "--initial-advertise-peer-urls=" + peer_url,
                                     "--initial-cluster=test=" + peer_url,
                                     "--log-level=warn"};
    if (tls_) {
        args.push_back("--cert-file=" + tls_->cert.string());
        args.push_back("--key-file=" + tls_->key.string());
        args.push_back("--trusted-ca-file=" + tls_->ca.string());
        args.push_back("--client-cert-auth");
    }
    const auto log_path = (dir_ / "etcd.log").string();
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork for etcd failed");
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);
        const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (log >= 0) {
            ::dup2(log, 1);
            ::dup2(log, 2);
        }
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        ::execvp("etcd", argv.data());
        ::_exit(127);
    }
}

void EtcdServer::wait_ready() {
    const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
    auto config = store_config("/");
    if (tls_) {
        config.cert_file = tls_->client_cert;
        config.key_file = tls_->client_key;
    }
    const auto tls = tls_ ? store::make_etcd_tls_context(config) : nullptr;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("etcd exited at start; its log:\n" + log_tail());
        }
        try {
            store::EtcdClient client({config.endpoints, tls, std::chrono::milliseconds(300)});
            client.put("/ready", "1");
            return;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    throw std::runtime_error("etcd did not answer within 30s; its log:\n" + log_tail());
}

void EtcdServer::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

void EtcdServer::restart() {
    kill();
    launch();
    wait_ready();
}

std::string EtcdServer::log_tail() const {
    std::ifstream in(dir_ / "etcd.log");
    std::stringstream text;
    text << in.rdbuf();
    const auto all = text.str();
    return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

}  // namespace shoal::test
