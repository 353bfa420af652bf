// SPDX-License-Identifier: MIT
#include "frame_mutator.h"

#include <optional>

#include "world.h"

namespace shoal::test {
namespace {

constexpr std::size_t kMinFrame = 14;     // BPF_PROG_TEST_RUN refuses anything shorter
constexpr std::size_t kHeaderZone = 160;  // where flips are aimed: the headers

std::size_t l2_len(const Bytes& f) {
    return f.size() >= 18 && f[12] == 0x81 && f[13] == 0 ? 18 : 14;
}

void set16(Bytes& f, std::size_t off, std::uint16_t v) {
    f[off] = static_cast<std::uint8_t>(v >> 8);
    f[off + 1] = static_cast<std::uint8_t>(v);
}

std::uint16_t get16(const Bytes& f, std::size_t off) {
    return static_cast<std::uint16_t>(f[off] << 8 | f[off + 1]);
}

// The offset of the outer UDP header, when the outer packet is plain IPv4/IPv6 + UDP.
std::optional<std::size_t> udp_offset(const Bytes& f) {
    const std::size_t ip = l2_len(f);
    if (f.size() < ip + 40) return std::nullopt;
    if (f[ip] >> 4 == 4 && f[ip + 9] == 17) return ip + (f[ip] & 0x0F) * 4u;
    if (f[ip] >> 4 == 6 && f[ip + 6] == 17) return ip + 40;
    return std::nullopt;
}

// A new value for a length field: anything, or off by a little.
std::uint16_t wrong_length(Dice& dice, std::uint16_t now) {
    if (dice.chance(0.3)) return dice.u16();
    const auto delta = static_cast<int>(dice.between(1, 24));
    return static_cast<std::uint16_t>(dice.chance(0.5) ? now + delta : now - delta);
}

}  // namespace

std::string FrameMutator::mutate(Bytes& frame, Dice& dice) const {
    std::string what;
    const auto rounds = dice.between(1, 2);
    for (std::uint64_t i = 0; i < rounds; ++i) {
        std::string step;
        switch (dice.weighted({40, 20, 15, 8, 10, 7})) {
            case 0:
                step = flip_bytes(frame, dice);
                break;
            case 1:
                step = truncate(frame, dice);
                break;
            case 2:
                step = break_length(frame, dice);
                break;
            case 3:
                step = break_version(frame, dice);
                break;
            case 4:
                step = break_gue(frame, dice);
                break;
            default:
                step = append(frame, dice);
        }
        if (!step.empty()) what += (what.empty() ? "" : ", ") + step;
    }
    return what;
}

std::string FrameMutator::flip_bytes(Bytes& frame, Dice& dice) const {
    std::string what = "flipped";
    const auto n = dice.between(1, 4);
    const std::size_t zone = std::min(frame.size(), kHeaderZone);
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::size_t at = dice.between(0, zone - 1);
        frame[at] ^= static_cast<std::uint8_t>(dice.between(1, 255));
        what += " @" + std::to_string(at);
    }
    return what;
}

std::string FrameMutator::truncate(Bytes& frame, Dice& dice) const {
    if (frame.size() <= kMinFrame) return {};
    frame.resize(dice.between(kMinFrame, frame.size() - 1));
    return "truncated to " + std::to_string(frame.size());
}

std::string FrameMutator::break_length(Bytes& frame, Dice& dice) const {
    const std::size_t ip = l2_len(frame);
    if (frame.size() < ip + 8) return {};
    if (dice.chance(0.3)) {
        if (const auto udp = udp_offset(frame); udp && frame.size() >= *udp + 8) {
            set16(frame, *udp + 4, wrong_length(dice, get16(frame, *udp + 4)));
            return "UDP length " + std::to_string(get16(frame, *udp + 4));
        }
    }
    const std::size_t field = frame[ip] >> 4 == 6 ? ip + 4 : ip + 2;
    set16(frame, field, wrong_length(dice, get16(frame, field)));
    return std::string(frame[ip] >> 4 == 6 ? "payload length " : "total length ") +
           std::to_string(get16(frame, field));
}

std::string FrameMutator::break_version(Bytes& frame, Dice& dice) const {
    const std::size_t ip = l2_len(frame);
    if (frame.size() <= ip) return {};
    frame[ip] = dice.byte();
    return "version/IHL byte " + std::to_string(frame[ip]);
}

std::string FrameMutator::break_gue(Bytes& frame, Dice& dice) const {
    const auto udp = udp_offset(frame);
    if (!udp || frame.size() < *udp + 16 || get16(frame, *udp + 2) != cases::kGuePort)
        return flip_bytes(frame, dice);
    if (dice.chance(0.3)) {  // swap the private data type: a hop list <-> a return ticket
        std::uint8_t& type = frame[*udp + 8 + 4];
        type = type == SHOAL_GUE_PRIV_RETURN ? SHOAL_GUE_PRIV_HOPS : SHOAL_GUE_PRIV_RETURN;
        return "GUE type swapped to " + std::to_string(type);
    }
    const std::size_t at = *udp + 8 + dice.between(0, 7);
    frame[at] = dice.byte();
    return "GUE byte " + std::to_string(at - *udp - 8) + " = " + std::to_string(frame[at]);
}

std::string FrameMutator::append(Bytes& frame, Dice& dice) const {
    const Bytes extra = dice.bytes(dice.between(1, 64));
    frame.insert(frame.end(), extra.begin(), extra.end());
    return "appended " + std::to_string(extra.size());
}

}  // namespace shoal::test
