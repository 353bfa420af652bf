// SPDX-License-Identifier: MIT
#include "metrics/scalar_family.h"

#include "metrics/exposition_text.h"

namespace shoal::metrics {

std::optional<double> ScalarFamily::value(const LabelValues& labels) const {
    check_labels(labels);
    std::lock_guard lock(mutex_);
    const double* found = find_series(labels);
    return found ? std::optional(*found) : std::nullopt;
}

void ScalarFamily::render_series(std::string& out) const {
    for (const auto& [labels, value] : series_) {
        append_series_name(out, "", labels);
        out += ' ';
        out += format_sample_value(value);
        out += '\n';
    }
}

}  // namespace shoal::metrics
