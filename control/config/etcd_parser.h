// SPDX-License-Identifier: MIT
// Reads the etcd fields of /store (docs/config.md, section store).
#pragma once

#include "config/config_error.h"
#include "config/etcd_config.h"
#include "config/json_reader.h"

namespace shoal::config {

// Reads the /store fields only the etcd store uses (endpoints, prefix, ca_file, cert_file,
// key_file, request_timeout, lease_ttl, grace, chunk_bytes) from `in`; with `required`, checks what
// the etcd store needs (endpoints, a CA for https, cert and key together).
EtcdConfig parse_etcd_fields(const ObjectReader& in, bool required);

}  // namespace shoal::config
