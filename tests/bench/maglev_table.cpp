// SPDX-License-Identifier: MIT
#include "maglev_table.h"

#include <algorithm>
#include <stdexcept>

namespace shoal::bench {

namespace {

constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

// FNV-1a, then the splitmix64 finaliser with a seed: two independent name hashes.
std::uint64_t name_hash(const std::string& name, std::uint64_t seed) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
    std::uint64_t z = h ^ seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool is_prime(std::uint32_t n) {
    if (n < 2) return false;
    for (std::uint32_t d = 2; std::uint64_t(d) * d <= n; ++d)
        if (n % d == 0) return false;
    return true;
}

struct Cursor {
    std::uint32_t backend;  // position in the input
    std::uint32_t weight;
    std::uint32_t position;  // (offset + j * skip) mod M for the next j
    std::uint32_t skip;
    std::uint64_t credit;
};

}  // namespace

std::uint32_t next_prime(std::uint32_t n) {
    while (!is_prime(n)) ++n;
    return n;
}

std::vector<std::uint32_t> build_maglev(std::span<const MaglevBackend> backends,
                                        std::uint32_t size) {
    if (!is_prime(size)) throw std::invalid_argument("maglev table size must be prime");
    std::vector<Cursor> cursors;
    std::uint32_t max_weight = 0;
    for (std::uint32_t i = 0; i < backends.size(); ++i) {
        const MaglevBackend& b = backends[i];
        if (b.weight == 0) continue;
        const auto offset = std::uint32_t(name_hash(b.name, 0x6d61676c6576ULL) % size);
        const auto skip = std::uint32_t(name_hash(b.name, 0x736b6970ULL) % (size - 1) + 1);
        cursors.push_back({i, b.weight, offset, skip, 0});
        max_weight = std::max(max_weight, b.weight);
    }
    if (cursors.empty()) throw std::invalid_argument("maglev needs a backend with weight > 0");

    std::vector<std::uint32_t> entries(size, kEmpty);
    std::uint32_t filled = 0;
    for (;;) {
        for (Cursor& c : cursors) {
            c.credit += c.weight;
            if (c.credit < max_weight) continue;
            c.credit -= max_weight;
            while (entries[c.position] != kEmpty) {
                c.position += c.skip;
                if (c.position >= size) c.position -= size;
            }
            entries[c.position] = backends[c.backend].id;
            if (++filled == size) return entries;
        }
    }
}

}  // namespace shoal::bench
