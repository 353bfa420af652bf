// SPDX-License-Identifier: MIT
#include "shoald_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace shoal::test {

ShoaldChild::ShoaldChild(const std::filesystem::path& dir, const nlohmann::json& config,
                         std::chrono::milliseconds client_timeout)
    : dir_(dir), client_timeout_(client_timeout) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "shoal.json") << config.dump(2);
    const auto log = (dir / "shoald.log").string();
    const auto config_path = (dir / "shoal.json").string();
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork shoald: ") + std::strerror(errno));
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execl(SHOALD_BINARY, "shoald", "--config", config_path.c_str(), nullptr);
        ::_exit(127);
    }
}

ShoaldChild::~ShoaldChild() { kill(SIGKILL); }

void ShoaldChild::kill(int signal) {
    if (pid_ <= 0) return;  // kill(-1) would signal every process
    ::kill(pid_, signal);
    if (signal != SIGKILL) return;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ShoaldChild::terminate(std::chrono::milliseconds deadline) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto until = std::chrono::steady_clock::now() + deadline;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) != pid_) {
        if (std::chrono::steady_clock::now() > until) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a child's exit: no event to wait on
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

api::ApiClient ShoaldChild::client() const {
    return api::ApiClient(api::ApiAddress::unix_socket(socket()), client_timeout_);
}

std::optional<nlohmann::json> ShoaldChild::status() const {
    try {
        auto result = client().get("/v1/status");
        if (result.ok()) return result.body;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string ShoaldChild::log() const {
    std::ifstream in(dir_ / "shoald.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

nlohmann::json small_fleet(int servers, int table_bits) {
    nlohmann::json list = nlohmann::json::array();
    nlohmann::json pool = nlohmann::json::array();
    for (int k = 1; k <= servers; ++k) {
        const std::string name = "srv" + std::to_string(k);
        list.push_back({{"name", name}, {"index", k - 1}, {"dip4", "198.18.0." + std::to_string(k)}});
        pool.push_back(name);
    }
    return {{"hash_key", "000102030405060708090a0b0c0d0e0f"},
            {"table_bits", table_bits},
            {"servers", list},
            {"services",
             {{{"name", "web"},
               {"id", 0},
               {"vips", {"198.18.100.1"}},
               {"protocol", "tcp"},
               {"ports", {80}},
               {"pool", pool}}}}};
}

std::pair<unsigned, std::string> scrape_metrics(std::uint16_t port) {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    boost::beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    http::request<http::empty_body> request{http::verb::get, "/metrics", 11};
    request.set(http::field::host, "127.0.0.1");
    http::write(stream, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    return {response.result_int(), response.body()};
}

}  // namespace shoal::test
