// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <set>

#include "dataplane/stat_names.h"

using namespace shoal;

TEST_CASE("every counter has its enum name in lower case without the prefix", "[unit]")
{
    // Spelled out once more on purpose: a reordered enum or table fails here.
    CHECK(stat_name(SHOAL_STAT_PASS_NOT_IP) == "pass_not_ip");
    CHECK(stat_name(SHOAL_STAT_PASS_NOT_SERVICE) == "pass_not_service");
    CHECK(stat_name(SHOAL_STAT_PASS_UNPARSED) == "pass_unparsed");
    CHECK(stat_name(SHOAL_STAT_PASS_FRAGMENT) == "pass_fragment");
    CHECK(stat_name(SHOAL_STAT_KEEP_SYN) == "keep_syn");
    CHECK(stat_name(SHOAL_STAT_KEEP_SOCKET) == "keep_socket");
    CHECK(stat_name(SHOAL_STAT_KEEP_SYNCOOKIE) == "keep_syncookie");
    CHECK(stat_name(SHOAL_STAT_KEEP_LAST_HOP) == "keep_last_hop");
    CHECK(stat_name(SHOAL_STAT_KEEP_SECOND_HOP_OWNED) == "keep_second_hop_owned");
    CHECK(stat_name(SHOAL_STAT_FORWARD_FIRST_HOP) == "forward_first_hop");
    CHECK(stat_name(SHOAL_STAT_FORWARD_SECOND_HOP) == "forward_second_hop");
    CHECK(stat_name(SHOAL_STAT_FORWARD_RETURN) == "forward_return");
    CHECK(stat_name(SHOAL_STAT_DECAP) == "decap");
    CHECK(stat_name(SHOAL_STAT_DROP_MALFORMED) == "drop_malformed");
    CHECK(stat_name(SHOAL_STAT_DROP_BAD_GUE) == "drop_bad_gue");
    CHECK(stat_name(SHOAL_STAT_DROP_GUE_NOT_MEMBER) == "drop_gue_not_member");
    CHECK(stat_name(SHOAL_STAT_DROP_GUE_NOT_SERVICE) == "drop_gue_not_service");
    CHECK(stat_name(SHOAL_STAT_DROP_TOO_BIG) == "drop_too_big");
    CHECK(stat_name(SHOAL_STAT_DROP_NO_TABLE) == "drop_no_table");
    CHECK(stat_name(SHOAL_STAT_DROP_NO_SERVER) == "drop_no_server");
    CHECK(stat_name(SHOAL_STAT_DROP_FIB_NO_NEIGH) == "drop_fib_no_neigh");
    CHECK(stat_name(SHOAL_STAT_DROP_FIB_FAILED) == "drop_fib_failed");
    CHECK(stat_name(SHOAL_STAT_DROP_NO_HEADROOM) == "drop_no_headroom");
    CHECK(stat_name(SHOAL_STAT_DROP_TTL_EXPIRED) == "drop_ttl_expired");
    CHECK(stat_name(SHOAL_STAT_DROP_CE_NOT_ECT) == "drop_ce_not_ect");
    CHECK(stat_name(SHOAL_STAT_DROP_NO_TX_PORT) == "drop_no_tx_port");
    CHECK(stat_name(SHOAL_STAT_DROP_FRAGMENT) == "drop_fragment");
    CHECK(stat_name(SHOAL_STAT_KEEP_FRAGMENT) == "keep_fragment");
    CHECK(kStatNames.size() == SHOAL_STAT_MAX);
}

TEST_CASE("counter names are unique and map back to their enum value", "[unit]")
{
    std::set<std::string_view> seen(kStatNames.begin(), kStatNames.end());
    CHECK(seen.size() == kStatNames.size());
    for (std::size_t i = 0; i < kStatNames.size(); ++i)
        CHECK(stat_from_name(kStatNames[i]) == static_cast<shoal_stat>(i));
    CHECK_FALSE(stat_from_name("no_such_counter").has_value());
}
