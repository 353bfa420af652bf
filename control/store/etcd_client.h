// SPDX-License-Identifier: MIT
// A small etcd v3 client over the JSON gateway (POST /v3/...; keys and values base64): the
// calls the etcd store needs, each to the current member and on to the next one when that
// member cannot be reached. Not thread-safe: one client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/etcd_config.h"
#include "store/etcd_connection.h"
#include "store/snapshot.h"

namespace shoal::store {

struct EtcdKeyValue {
    std::string key;
    std::string value;
    std::int64_t create_revision = 0;
    std::int64_t mod_revision = 0;
    std::int64_t lease = 0;
};

struct EtcdRange {
    std::int64_t revision = 0;  // the store's revision when it was read
    std::vector<EtcdKeyValue> kvs;
};

// One comparison of a transaction, in the gateway's JSON (see the compare_* helpers).
using EtcdCompare = nlohmann::json;
using EtcdOperation = nlohmann::json;

struct EtcdTxnResult {
    bool succeeded = false;
    std::int64_t revision = 0;
    nlohmann::json responses = nlohmann::json::array();  // as the gateway returned them
};

// "key" through "key\xff...": every key that starts with `prefix`.
std::string prefix_end(const std::string& prefix);
EtcdCompare compare_mod_revision(const std::string& key, std::int64_t revision);  // 0: absent
EtcdCompare compare_lease(const std::string& key, std::int64_t lease);
EtcdCompare compare_value(const std::string& key, const std::string& value);
EtcdOperation put_operation(const std::string& key, const std::string& value,
                            std::int64_t lease = 0);
EtcdOperation range_operation(const std::string& key);
EtcdOperation delete_operation(const std::string& key, const std::string& range_end = {});
// The kvs of a range response inside a transaction's responses.
std::vector<EtcdKeyValue> range_response_kvs(const nlohmann::json& response);

// How the client's last request went, for status and metrics.
struct EtcdHealth {
    bool reachable = false;  // false also before the first request
    std::string endpoint;    // the member that answered last, or the one tried last
    std::string error;       // why the last request failed; empty when reachable
    TimePoint since{};       // when `reachable` last changed
};

struct EtcdClientOptions {
    std::vector<config::EtcdEndpoint> endpoints;
    std::shared_ptr<boost::asio::ssl::context> tls;  // needed for https endpoints
    std::chrono::milliseconds request_timeout{2000};
};

class EtcdClient {
  public:
    explicit EtcdClient(EtcdClientOptions options);

    // POSTs `request` to `method` ("/v3/kv/range") on the current member, failing over to the
    // others. Throws EtcdUnavailableError (every member failed, each named with its reason)
    // or EtcdRequestError (a member refused the request).
    nlohmann::json call(const std::string& method, const nlohmann::json& request);

    EtcdRange range(const std::string& key, const std::string& range_end = {},
                    bool keys_only = false);
    std::optional<EtcdKeyValue> get(const std::string& key);
    std::int64_t put(const std::string& key, const std::string& value, std::int64_t lease = 0);
    EtcdTxnResult txn(const std::vector<EtcdCompare>& compare,
                      const std::vector<EtcdOperation>& success,
                      const std::vector<EtcdOperation>& failure = {});
    std::int64_t delete_range(const std::string& key, const std::string& range_end = {});
    // A new lease's id.
    std::int64_t grant_lease(std::chrono::seconds ttl);
    // The lease's remaining TTL in seconds after the refresh; 0 when it no longer exists.
    std::int64_t keep_alive(std::int64_t lease);
    void revoke_lease(std::int64_t lease);
    // /v3/maintenance/status of the current member (version, leader, db size, ...).
    nlohmann::json status();

    // The member the last call went to.
    const config::EtcdEndpoint& current_endpoint() const;
    std::string describe_endpoints() const;
    const EtcdHealth& health() const noexcept { return health_; }

  private:
    void record(bool reachable, std::string error);

    EtcdClientOptions options_;
    EtcdHealth health_;
    std::vector<std::unique_ptr<EtcdConnection>> connections_;  // one per endpoint
    std::size_t current_ = 0;
};

// Parses the gateway's int64 (sent as a string, or absent for 0).
std::int64_t etcd_int(const nlohmann::json& object, const char* field);

}  // namespace shoal::store
