// SPDX-License-Identifier: MIT
#include "common/echo_protocol.h"

namespace shoal::tools {

std::string make_echo_reply(std::string_view server_name, std::string_view message) {
    std::string reply;
    reply.reserve(server_name.size() + 1 + message.size());
    reply.append(server_name).append(" ").append(message);
    return reply;
}

std::optional<EchoReply> parse_echo_reply(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos || space == 0) return std::nullopt;
    return EchoReply{std::string(text.substr(0, space)), std::string(text.substr(space + 1))};
}

}  // namespace shoal::tools
