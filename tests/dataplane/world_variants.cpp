// SPDX-License-Identifier: MIT
#include "world_variants.h"

#include "world.h"

namespace shoal::test {

model::DataplaneState vary_world(const model::DataplaneState& base, Dice& dice) {
    using namespace cases;
    static const std::vector<std::uint16_t> hops = {
        kSelf,    kSelf,      kPeer, kPeer,           kV4Only,  kV6Only, kUnused,
        kNoNeigh, kNoRoute, kBeyondMax, kFar, SHOAL_NO_SERVER, kSmallMtu};
    model::DataplaneState state = base;
    state.config.hash_key[0] = dice.u32() | std::uint64_t{dice.u32()} << 32;
    state.config.hash_key[1] = dice.u32() | std::uint64_t{dice.u32()} << 32;
    if (dice.chance(0.3))
        state.config.flags = dice.chance(0.5) ? SHOAL_SERVER_HAS_V4 : SHOAL_SERVER_HAS_V6;
    if (dice.chance(0.15))  // the other interface not (or no longer) attached: DROP_NO_TX_PORT
        state.tx_ports =
            dice.chance(0.5) ? std::set<std::uint32_t>{kIngressIfindex} : std::set<std::uint32_t>{};
    // Turns: {GUE auth mode (-1: no entry), ICMP tokens}.
    static const std::pair<int, int> turns[] = {{SHOAL_GUE_AUTH_ENFORCE, 0},
                                                {SHOAL_GUE_AUTH_PERMISSIVE, 1},
                                                {-1, 2},
                                                {SHOAL_GUE_AUTH_OFF, 1}};
    static std::size_t turn = 0;
    const auto [mode, tokens] = turns[turn++ % std::size(turns)];
    if (tokens == 0) state.config.icmp_too_big_burst = 0;  // never a token
    if (tokens == 2) state.config.icmp_too_big_rate = 0;
    state.gue_auth.reset();
    if (mode >= 0) {
        World w;
        gue_auth(static_cast<std::uint8_t>(mode), dice.chance(0.5))(w);
        state.gue_auth = w.state.gue_auth;
    }
    for (auto& [slot, table] : state.tables) {
        if (!dice.chance(0.6)) continue;
        for (shoal_bucket& b : table) b = {dice.pick(hops), dice.pick(hops)};
    }
    return state;
}

}  // namespace shoal::test
