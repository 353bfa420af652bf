// SPDX-License-Identifier: MIT
// shoalctl: the operator's command line for shoald (see docs/api.md).
#include "cli/shoalctl.h"

int main(int argc, char** argv) { return shoal::cli::run_shoalctl(argc, argv); }
