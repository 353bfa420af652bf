// SPDX-License-Identifier: MIT
#include "loopback_servers.h"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace shoal::test {
namespace http = boost::beast::http;
using boost::asio::ip::tcp;

LoopbackServer::LoopbackServer(boost::asio::io_context& io, const boost::asio::ip::address& address)
    : acceptor_(io, tcp::endpoint(address, 0)), port_(acceptor_.local_endpoint().port()) {}

LoopbackServer::~LoopbackServer() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

void LoopbackServer::close() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

void LoopbackServer::accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) return;
        accepted(std::move(socket));
        accept();
    });
}

TcpListener::TcpListener(boost::asio::io_context& io, const boost::asio::ip::address& address)
    : LoopbackServer(io, address) {
    accept();
}

void TcpListener::accepted(tcp::socket socket) {
    ++accepted_;
    boost::system::error_code ignored;
    socket.close(ignored);
}

struct HttpTestServer::Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::response<http::string_body> response;
};

HttpTestServer::HttpTestServer(boost::asio::io_context& io, const boost::asio::ip::address& address,
                               StatusScript script)
    : LoopbackServer(io, address), script_(std::move(script)) {
    accept();
}

HttpTestServer::StatusScript HttpTestServer::always(unsigned status) {
    return [status](std::size_t) { return status; };
}

HttpTestServer::StatusScript HttpTestServer::sequence(std::vector<unsigned> statuses,
                                                      unsigned after) {
    return [statuses = std::move(statuses), after](std::size_t index) {
        return index < statuses.size() ? statuses[index] : after;
    };
}

void HttpTestServer::accepted(tcp::socket socket) {
    serve(std::make_shared<Connection>(std::move(socket)));
}

void HttpTestServer::serve(std::shared_ptr<Connection> connection) {
    http::async_read(connection->socket, connection->buffer, connection->request,
                     [this, connection](boost::system::error_code ec, std::size_t) {
                         if (ec) return;
                         const auto& request = connection->request;
                         requests_.push_back({std::string(request.method_string()),
                                              std::string(request.target()),
                                              std::string(request[http::field::host]),
                                              std::string(request[http::field::connection])});
                         const unsigned status = script_(requests_.size() - 1);
                         auto& response = connection->response;
                         response = {static_cast<http::status>(status), 11};
                         response.set(http::field::content_type, "text/plain");
                         // 1xx, 204 and 304 responses carry no body.
                         if (status >= 200 && status != 204 && status != 304)
                             response.body() = "status " + std::to_string(status) + "\n";
                         response.keep_alive(false);
                         response.prepare_payload();
                         http::async_write(connection->socket, response,
                                           [connection](boost::system::error_code, std::size_t) {
                                               boost::system::error_code ignored;
                                               connection->socket.shutdown(
                                                   tcp::socket::shutdown_both, ignored);
                                               connection->socket.close(ignored);
                                           });
                     });
}

SilentServer::SilentServer(boost::asio::io_context& io, const boost::asio::ip::address& address)
    : LoopbackServer(io, address) {
    accept();
}

void SilentServer::close() {
    LoopbackServer::close();
    boost::system::error_code ignored;
    for (auto& socket : held_) socket.close(ignored);
}

void SilentServer::accepted(tcp::socket socket) { held_.push_back(std::move(socket)); }

RefusingPort::RefusingPort(boost::asio::io_context& io, const boost::asio::ip::address& address)
    : socket_(io) {
    const tcp::endpoint endpoint(address, 0);
    socket_.open(endpoint.protocol());
    socket_.bind(endpoint);
    port_ = socket_.local_endpoint().port();
}

}  // namespace shoal::test
