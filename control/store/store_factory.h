// SPDX-License-Identifier: MIT
// Opens the store the config names.
#pragma once

#include <memory>

#include "config/daemon_config.h"
#include "store/store.h"

namespace shoal::store {

// Throws StoreError when it cannot be opened.
std::unique_ptr<Store> open_store(const config::StoreConfig& config);

}  // namespace shoal::store
