// SPDX-License-Identifier: MIT
#include "shoald_child.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <fstream>
#include <map>
#include <vector>

namespace shoal::test {

ShoaldChild::ShoaldChild(const std::filesystem::path& dir, const nlohmann::json& config,
                         std::chrono::milliseconds client_timeout)
    : dir_(dir), client_timeout_(client_timeout) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "shoal.json") << config.dump(2);
    process_ = std::make_unique<DaemonProcess>(
        "", SHOALD_BINARY, std::vector<std::string>{"--config", (dir / "shoal.json").string()},
        std::map<std::string, std::string>{});
}

void ShoaldChild::kill(int signal) {
    if (exited_) return;
    process_->signal(signal);
    if (signal == SIGKILL) exited_ = process_->wait(std::chrono::seconds(10)) >= 0;
}

int ShoaldChild::terminate(std::chrono::milliseconds deadline) {
    if (exited_) return -1;
    process_->signal(SIGTERM);
    const int status = process_->wait(deadline);
    exited_ = status >= 0;
    return status;
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

std::string ShoaldChild::log() const { return process_->log(); }

AgentNamespace::AgentNamespace(const std::string& name)
    : ns(name), veth(ns, "lb0", ns, "lb0p"), tmp(name) {
    ns.add_address("lb0", "198.18.0.1/24");
}

nlohmann::json AgentNamespace::agent_section() const {
    return {{"server", "srv1"},
            {"interfaces", {"lb0"}},
            {"bpffs", pin_dir()},
            {"report_interval", "200ms"}};
}

void AgentNamespace::write_config(const nlohmann::json& config) const {
    std::ofstream(config_path()) << config.dump(2);
}

std::unique_ptr<DaemonProcess> AgentNamespace::start(std::map<std::string, std::string> env) const {
    env["NOTIFY_SOCKET"] = notify.path();
    return std::make_unique<DaemonProcess>(
        ns.path(), SHOALD_BINARY, std::vector<std::string>{"--config", config_path()}, env);
}

api::ApiClient AgentNamespace::client(std::chrono::milliseconds timeout) const {
    return api::ApiClient(api::ApiAddress::unix_socket(socket()), timeout);
}

nlohmann::json etcd_store_section(const std::string& url, const std::string& prefix,
                                  const nlohmann::json& more) {
    nlohmann::json store = {{"type", "etcd"}, {"endpoints", {url}}, {"prefix", prefix}};
    store.update(more);
    return store;
}

nlohmann::json conductor_section(const std::filesystem::path& dir) {
    return {{"state_file", (dir / "operator-state.json").string()}, {"rebuild_interval", "200ms"}};
}

nlohmann::json small_fleet(int servers, int table_bits) {
    nlohmann::json list = nlohmann::json::array();
    nlohmann::json pool = nlohmann::json::array();
    for (int k = 1; k <= servers; ++k) {
        const std::string name = "srv" + std::to_string(k);
        list.push_back(
            {{"name", name}, {"index", k - 1}, {"dip4", "198.18.0." + std::to_string(k)}});
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
