// SPDX-License-Identifier: MIT
#include "store/store_factory.h"

#include "store/etcd_store.h"
#include "store/file_store.h"

namespace shoal::store {

std::unique_ptr<Store> open_store(const config::StoreConfig& config) {
    switch (config.type) {
        case config::StoreType::file:
            return std::make_unique<FileStore>(
                FileStoreOptions{config.path, config.keep_generations, config.check_interval});
        case config::StoreType::etcd:
            return std::make_unique<EtcdStore>(
                EtcdStoreOptions{config.etcd, config.keep_generations, config.check_interval});
    }
    throw StoreError("unknown store type");
}

}  // namespace shoal::store
