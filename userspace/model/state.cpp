// SPDX-License-Identifier: MIT
#include "model/state.h"

#include "model/byte_order.h"

namespace shoal::model {

shoal_service_key make_service_key(std::uint8_t family, const Address& addr, std::uint8_t proto,
                                   std::uint16_t port_host) {
    shoal_service_key key;
    std::memset(&key, 0, sizeof(key));
    std::memcpy(key.addr, addr.data(), sizeof(key.addr));
    key.family = family;
    key.proto = proto;
    key.port = to_be16(port_host);
    return key;
}

shoal_member_key make_member_key(std::uint8_t family, const Address& addr) {
    shoal_member_key key;
    std::memset(&key, 0, sizeof(key));
    std::memcpy(key.addr, addr.data(), sizeof(key.addr));
    key.family = family;
    return key;
}

}  // namespace shoal::model
