// SPDX-License-Identifier: MIT
#include "model/decision.h"

#include <linux/bpf.h>

#include <array>

namespace shoal::model {

std::string stat_name(shoal_stat stat) {
    static constexpr std::array<const char*, SHOAL_STAT_MAX> names = {
        "PASS_NOT_IP",
        "PASS_NOT_SERVICE",
        "PASS_UNPARSED",
        "PASS_FRAGMENT",
        "KEEP_SYN",
        "KEEP_SOCKET",
        "KEEP_SYNCOOKIE",
        "KEEP_LAST_HOP",
        "KEEP_SECOND_HOP_OWNED",
        "FORWARD_FIRST_HOP",
        "FORWARD_SECOND_HOP",
        "FORWARD_RETURN",
        "DECAP",
        "DROP_MALFORMED",
        "DROP_BAD_GUE",
        "DROP_GUE_NOT_MEMBER",
        "DROP_GUE_NOT_SERVICE",
        "DROP_TOO_BIG",
        "DROP_NO_TABLE",
        "DROP_NO_SERVER",
        "DROP_FIB_NO_NEIGH",
        "DROP_FIB_FAILED",
        "DROP_NO_HEADROOM",
        "DROP_TTL_EXPIRED",
        "DROP_CE_NOT_ECT",
        "DROP_NO_TX_PORT",
        "DROP_FRAGMENT",
        "KEEP_FRAGMENT",
        "ICMP_TOO_BIG_SENT",
        "DROP_ICMP_RATE_LIMITED",
        "DROP_GUE_AUTH",
        "GUE_AUTH_MISSING",
        "GUE_AUTH_BAD",
    };
    const auto index = static_cast<std::size_t>(stat);
    return index < names.size() ? names[index] : "stat#" + std::to_string(index);
}

std::string action_name(std::uint32_t action) {
    switch (action) {
        case XDP_ABORTED:
            return "XDP_ABORTED";
        case XDP_DROP:
            return "XDP_DROP";
        case XDP_PASS:
            return "XDP_PASS";
        case XDP_TX:
            return "XDP_TX";
        case XDP_REDIRECT:
            return "XDP_REDIRECT";
        default:
            return "xdp#" + std::to_string(action);
    }
}

std::string describe(const Decision& d) {
    std::string text = action_name(d.action);
    if (d.action == XDP_REDIRECT) text += "(ifindex " + std::to_string(d.redirect_ifindex) + ")";
    text += " " + stat_name(d.verdict) + " row ";
    text += d.stats_row == SHOAL_STATS_ROW_NONE ? "NONE" : std::to_string(d.stats_row);
    if (d.decap_counted) text += " +DECAP";
    if (d.auth_event) text += " +" + stat_name(*d.auth_event) + " row NONE";
    if (d.srv_target) {
        text += " srv_stats[" + std::to_string(*d.srv_target) + "] +" +
                std::to_string(d.srv_bytes) + "B";
    }
    text += " out " + std::to_string(d.frame.size()) + "B";
    return text;
}

}  // namespace shoal::model
