// SPDX-License-Identifier: MIT
#include "health/probe_schedule.h"

#include <string_view>

namespace shoal::health {
namespace {

// FNV-1a: stable across runs and standard libraries, unlike std::hash.
std::uint32_t fnv1a(std::string_view text) {
    std::uint32_t hash = 2166136261u;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 16777619u;
    }
    return hash;
}

std::mt19937_64 seeded(std::uint64_t seed, const TargetId& id) {
    std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                           fnv1a(id.service), fnv1a(id.server)};
    return std::mt19937_64(sequence);
}

}  // namespace

ProbeSchedule::ProbeSchedule(std::uint64_t seed, const TargetId& id) : rng_(seeded(seed, id)) {}

std::chrono::milliseconds ProbeSchedule::first_delay(std::chrono::milliseconds jitter) {
    return draw(jitter);
}

std::chrono::milliseconds ProbeSchedule::next_gap(std::chrono::milliseconds interval,
                                                  std::chrono::milliseconds jitter) {
    return interval + draw(jitter);
}

std::chrono::milliseconds ProbeSchedule::draw(std::chrono::milliseconds jitter) {
    if (jitter.count() <= 0) return std::chrono::milliseconds(0);
    // mt19937_64's output is fixed by the standard; the modulo bias is < 2^-40 here.
    const auto span = static_cast<std::uint64_t>(jitter.count()) + 1;
    return std::chrono::milliseconds(static_cast<std::int64_t>(rng_() % span));
}

}  // namespace shoal::health
