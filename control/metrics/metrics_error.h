// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>

namespace shoal::metrics {

// A metric misused or misdefined (bad name, wrong label count, negative counter increment),
// or the exposition endpoint failing to listen; the message names the metric or address.
class MetricsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::metrics
