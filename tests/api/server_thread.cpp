// SPDX-License-Identifier: MIT
#include "server_thread.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <exception>
#include <future>

namespace shoal::test {

ServerThread::ServerThread(api::Router router, api::ApiServerOptions options)
    : socket_path_(dir_ / "shoald.sock") {
    server_ = std::make_unique<api::ApiServer>(io_, std::move(router), options);
    server_->listen_unix(socket_path_);
    thread_ = std::thread([this] {
        auto guard = boost::asio::make_work_guard(io_);
        io_.run();
    });
}

ServerThread::~ServerThread() {
    run_on_server([](api::ApiServer& server) { server.stop(); });
    io_.stop();
    thread_.join();
    server_.reset();
}

void ServerThread::run_on_server(const std::function<void(api::ApiServer&)>& fn) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
        try {
            fn(*server_);
            done.set_value();
        } catch (...) {
            done.set_exception(std::current_exception());
        }
    });
    done.get_future().get();
}

}  // namespace shoal::test
