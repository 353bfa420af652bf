// SPDX-License-Identifier: MIT
// The echo exchange shared by shoal-echo and shoal-loadgen: the reply to MESSAGE is
// "NAME MESSAGE", where NAME is the answering server's name (no spaces). Over TCP both are
// one line ending in '\n'; over UDP one datagram each.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shoal::tools {

inline constexpr std::size_t kMaxEchoMessage = 4096;

struct EchoReply {
    std::string server;
    std::string message;
};

std::string make_echo_reply(std::string_view server_name, std::string_view message);

// nullopt when the text has no "NAME " prefix.
std::optional<EchoReply> parse_echo_reply(std::string_view text);

}  // namespace shoal::tools
