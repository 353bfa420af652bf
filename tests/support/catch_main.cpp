// SPDX-License-Identifier: MIT
// The one Catch2 main of every test program (shoal_catch_main): Catch's runner is compiled
// here once instead of once per test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
