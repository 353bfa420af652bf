// SPDX-License-Identifier: MIT
// One reading of a server's load: a utilisation (busy fraction, 0..1) or the reason there is
// none. A source never makes up a zero: no reading is an error the controller can show.
#pragma once

#include <optional>
#include <string>

namespace shoal::load {

struct LoadSample {
    std::optional<double> utilisation;  // set only when error is empty
    std::string error;                  // what went wrong, naming the source

    static LoadSample of(double utilisation) { return {utilisation, {}}; }
    static LoadSample failed(std::string why) { return {std::nullopt, std::move(why)}; }
    bool ok() const noexcept { return utilisation.has_value(); }
};

}  // namespace shoal::load
