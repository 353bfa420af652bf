// SPDX-License-Identifier: MIT
// --mode bulk: one TCP connection to the target from each --flow source ADDR:PORT (exactly that
// port, so a test can choose which router path and which bucket a flow takes), all at once.
// Each downloads and then uploads --bytes with full-size segments (common/bulk_protocol.h),
// checking every byte, and fails a transfer that makes no progress for --stall or is still
// running at the deadline, saying how far it got. Connections end with a reset, so the same
// source ports can be used again at once.
#pragma once

#include "loadgen/bulk_report.h"
#include "loadgen/load_options.h"

namespace shoal::tools {

// Throws only when the run cannot start; what goes wrong in a transfer is in the report.
BulkReport run_bulk(const LoadOptions& options);

}  // namespace shoal::tools
