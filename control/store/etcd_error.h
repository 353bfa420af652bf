// SPDX-License-Identifier: MIT
// Failures talking to etcd, told apart because callers react differently: an unreachable
// cluster is waited out (keep the last state, retry), a refused request is a bug or a
// misconfiguration, and a fenced publish means this conductor no longer leads.
#pragma once

#include "store/store_error.h"

namespace shoal::store {

// No member answered (connect, TLS or I/O failure, timeout, or every member said it is
// unavailable); the message lists each endpoint and why.
class EtcdUnavailableError : public StoreError {
  public:
    using StoreError::StoreError;
};

// A member answered with an error (bad request, permission, too large, ...).
class EtcdRequestError : public StoreError {
  public:
    using StoreError::StoreError;
};

// publish() refused because the fence (the leader key held under this conductor's lease)
// no longer holds: another conductor leads now.
class NotLeaderError : public StoreError {
  public:
    using StoreError::StoreError;
};

}  // namespace shoal::store
