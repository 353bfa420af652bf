// SPDX-License-Identifier: MIT
// Real servers on loopback for health-check tests, on the test's io_context, ephemeral ports:
// a TCP listener, an HTTP server answering scripted statuses, a server that accepts and
// never answers, and a port that refuses connections.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shoal::test {

// What the servers below share: an acceptor on an ephemeral port of `address` whose accept
// loop hands each connection to accepted(); close() stops listening (connects are refused).
class LoopbackServer {
  public:
    LoopbackServer(boost::asio::io_context& io, const boost::asio::ip::address& address);
    virtual ~LoopbackServer();
    std::uint16_t port() const noexcept { return port_; }
    virtual void close();

  protected:
    // The first accept: the derived constructor calls it, once accepted() can run.
    void accept();
    virtual void accepted(boost::asio::ip::tcp::socket socket) = 0;

  private:
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
};

// Accepts connections and closes them at once.
class TcpListener final : public LoopbackServer {
  public:
    TcpListener(boost::asio::io_context& io, const boost::asio::ip::address& address);
    std::size_t accepted() const noexcept { return accepted_; }

  private:
    void accepted(boost::asio::ip::tcp::socket socket) override;

    std::size_t accepted_ = 0;
};

struct RecordedRequest {
    std::string method;
    std::string target;
    std::string host;
    std::string connection;
};

// Answers each request with the status the script gives for its index (0-based), then closes.
class HttpTestServer final : public LoopbackServer {
  public:
    using StatusScript = std::function<unsigned(std::size_t request_index)>;

    HttpTestServer(boost::asio::io_context& io, const boost::asio::ip::address& address,
                   StatusScript script);
    const std::vector<RecordedRequest>& requests() const noexcept { return requests_; }

    // A script answering the same status to every request.
    static StatusScript always(unsigned status);
    // The listed statuses in order, then `after` for every later request.
    static StatusScript sequence(std::vector<unsigned> statuses, unsigned after);

  private:
    struct Connection;
    void accepted(boost::asio::ip::tcp::socket socket) override;
    void serve(std::shared_ptr<Connection> connection);

    StatusScript script_;
    std::vector<RecordedRequest> requests_;
};

// Accepts connections and holds them open without reading or answering (the slow server).
class SilentServer final : public LoopbackServer {
  public:
    SilentServer(boost::asio::io_context& io, const boost::asio::ip::address& address);
    std::size_t accepted() const noexcept { return held_.size(); }
    void close() override;  // also drops the held connections

  private:
    void accepted(boost::asio::ip::tcp::socket socket) override;

    std::vector<boost::asio::ip::tcp::socket> held_;
};

// A bound but not listening socket: connects to its port are refused, and the port cannot be
// taken by anyone else while it lives.
class RefusingPort {
  public:
    RefusingPort(boost::asio::io_context& io, const boost::asio::ip::address& address);
    std::uint16_t port() const noexcept { return port_; }

  private:
    boost::asio::ip::tcp::socket socket_;
    std::uint16_t port_ = 0;
};

}  // namespace shoal::test
