// SPDX-License-Identifier: MIT
// An accept loop for the control API on one endpoint (Unix socket or TCP). Shared with its
// pending handlers so it outlives the ApiServer while the io_context still holds them.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/api_session.h"
#include "api/router.h"

namespace shoal::api {

template <class Protocol>
class ApiListener : public std::enable_shared_from_this<ApiListener<Protocol>> {
  public:
    // address names the endpoint in errors and logs ("control socket /run/shoal/shoald.sock").
    ApiListener(boost::asio::io_context& io, std::shared_ptr<const Router> router,
                SessionLimits limits, std::string address);

    // Opens, binds, runs after_bind (e.g. chmod of the socket file, before anyone can
    // connect), listens and starts accepting. Throws ServerError naming the failing step.
    void listen(const typename Protocol::endpoint& endpoint,
                const std::function<void()>& after_bind = {});
    // Closes the acceptor and every open connection.
    void stop();

    typename Protocol::endpoint local_endpoint() const;

  private:
    void accept();
    void on_accept(boost::system::error_code ec, typename Protocol::socket socket);

    typename Protocol::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;
    std::shared_ptr<const Router> router_;
    SessionLimits limits_;
    std::string address_;
    std::vector<std::weak_ptr<ApiSession<Protocol>>> sessions_;
    bool stopped_ = false;
};

extern template class ApiListener<boost::asio::local::stream_protocol>;
extern template class ApiListener<boost::asio::ip::tcp>;

}  // namespace shoal::api
