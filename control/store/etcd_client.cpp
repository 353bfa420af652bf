// SPDX-License-Identifier: MIT
#include "store/etcd_client.h"

#include <fmt/format.h>

#include <charconv>

#include "store/base64.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
using nlohmann::json;

// gRPC status codes that mean "try another member".
constexpr int kGrpcUnavailable = 14;
constexpr int kGrpcDeadlineExceeded = 4;

std::string decode_field(const json& object, const char* field) {
    const auto it = object.find(field);
    if (it == object.end() || !it->is_string()) return {};
    auto bytes = base64_decode(it->get_ref<const std::string&>());
    if (!bytes) throw EtcdRequestError(fmt::format("etcd answered a {} that is not base64", field));
    return std::move(*bytes);
}

EtcdKeyValue key_value_of(const json& kv) {
    return {decode_field(kv, "key"), decode_field(kv, "value"), etcd_int(kv, "create_revision"),
            etcd_int(kv, "mod_revision"), etcd_int(kv, "lease")};
}

std::string int_text(std::int64_t value) { return std::to_string(value); }
}  // namespace

std::int64_t etcd_int(const json& object, const char* field) {
    const auto it = object.find(field);
    if (it == object.end() || it->is_null()) return 0;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (!it->is_string()) return 0;
    const auto& text = it->get_ref<const std::string&>();
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::string prefix_end(const std::string& prefix) {
    std::string end = prefix;
    while (!end.empty()) {
        if (static_cast<unsigned char>(end.back()) < 0xFF) {
            end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
            return end;
        }
        end.pop_back();
    }
    return std::string(1, '\0');  // every key
}

EtcdCompare compare_mod_revision(const std::string& key, std::int64_t revision) {
    return {{"key", base64_encode(key)},
            {"target", "MOD"},
            {"result", "EQUAL"},
            {"mod_revision", int_text(revision)}};
}

EtcdCompare compare_lease(const std::string& key, std::int64_t lease) {
    return {{"key", base64_encode(key)},
            {"target", "LEASE"},
            {"result", "EQUAL"},
            {"lease", int_text(lease)}};
}

EtcdCompare compare_value(const std::string& key, const std::string& value) {
    return {{"key", base64_encode(key)},
            {"target", "VALUE"},
            {"result", "EQUAL"},
            {"value", base64_encode(value)}};
}

EtcdOperation put_operation(const std::string& key, const std::string& value, std::int64_t lease) {
    json put = {{"key", base64_encode(key)}, {"value", base64_encode(value)}};
    if (lease != 0) put["lease"] = int_text(lease);
    return {{"request_put", std::move(put)}};
}

EtcdOperation range_operation(const std::string& key) {
    return {{"request_range", {{"key", base64_encode(key)}}}};
}

EtcdOperation delete_operation(const std::string& key, const std::string& range_end) {
    json request = {{"key", base64_encode(key)}};
    if (!range_end.empty()) request["range_end"] = base64_encode(range_end);
    return {{"request_delete_range", std::move(request)}};
}

std::vector<EtcdKeyValue> range_response_kvs(const json& response) {
    std::vector<EtcdKeyValue> kvs;
    const auto range = response.find("response_range");
    if (range == response.end()) return kvs;
    if (const auto it = range->find("kvs"); it != range->end() && it->is_array())
        for (const auto& kv : *it) kvs.push_back(key_value_of(kv));
    return kvs;
}

EtcdClient::EtcdClient(EtcdClientOptions options) : options_(std::move(options)) {
    if (options_.endpoints.empty()) throw StoreError("etcd: no endpoints configured");
    for (const auto& endpoint : options_.endpoints)
        connections_.push_back(std::make_unique<EtcdConnection>(endpoint, options_.tls));
}

const config::EtcdEndpoint& EtcdClient::current_endpoint() const {
    return options_.endpoints[current_];
}

std::string EtcdClient::describe_endpoints() const {
    std::string text;
    for (const auto& endpoint : options_.endpoints)
        text += (text.empty() ? "" : ",") + endpoint.url();
    return text;
}

void EtcdClient::record(bool reachable, std::string error) {
    if (reachable != health_.reachable || health_.since == TimePoint{}) health_.since = now_ms();
    health_.reachable = reachable;
    health_.endpoint = current_endpoint().url();
    health_.error = std::move(error);
}

json EtcdClient::call(const std::string& method, const json& request) {
    const auto body = request.dump();
    std::string failures;
    for (std::size_t tried = 0; tried < connections_.size(); ++tried) {
        auto& connection = *connections_[current_];
        std::string why;
        try {
            auto answer = connection.post(method, body, options_.request_timeout);
            json reply = json::parse(answer.body, nullptr, false);
            if (answer.status == 200 && reply.is_object() && !reply.contains("error")) {
                record(true, {});
                return reply;
            }
            const int code = reply.is_object() ? reply.value("code", 0) : 0;
            const std::string message =
                reply.is_object() && reply.contains("error") && reply["error"].is_string()
                    ? reply["error"].get<std::string>()
                    : answer.body.substr(0, 200);
            if (code != kGrpcUnavailable && code != kGrpcDeadlineExceeded && answer.status < 500) {
                record(true, {});  // it answered: reachable, the request was wrong
                throw EtcdRequestError(fmt::format("etcd {} {}: HTTP {}: {}",
                                                   connection.endpoint().url(), method,
                                                   answer.status, message));
            }
            why = fmt::format("HTTP {}: {}", answer.status, message);
        } catch (const EtcdTransportError& e) {
            why = e.what();
        }
        failures += fmt::format("{}{}", failures.empty() ? "" : "; ", why);
        current_ = (current_ + 1) % connections_.size();
    }
    auto message = fmt::format("etcd unreachable ({}): {}", method, failures);
    record(false, message);
    throw EtcdUnavailableError(message);
}

EtcdRange EtcdClient::range(const std::string& key, const std::string& range_end, bool keys_only) {
    json request = {{"key", base64_encode(key)}};
    if (!range_end.empty()) request["range_end"] = base64_encode(range_end);
    if (keys_only) request["keys_only"] = true;
    const auto reply = call("/v3/kv/range", request);
    EtcdRange result;
    result.revision = etcd_int(reply.value("header", json::object()), "revision");
    if (const auto it = reply.find("kvs"); it != reply.end() && it->is_array())
        for (const auto& kv : *it) result.kvs.push_back(key_value_of(kv));
    return result;
}

std::optional<EtcdKeyValue> EtcdClient::get(const std::string& key) {
    auto result = range(key);
    if (result.kvs.empty()) return std::nullopt;
    return std::move(result.kvs.front());
}

std::int64_t EtcdClient::put(const std::string& key, const std::string& value, std::int64_t lease) {
    const auto reply = call("/v3/kv/put", put_operation(key, value, lease)["request_put"]);
    return etcd_int(reply.value("header", json::object()), "revision");
}

EtcdTxnResult EtcdClient::txn(const std::vector<EtcdCompare>& compare,
                              const std::vector<EtcdOperation>& success,
                              const std::vector<EtcdOperation>& failure) {
    const json request = {{"compare", compare}, {"success", success}, {"failure", failure}};
    const auto reply = call("/v3/kv/txn", request);
    EtcdTxnResult result;
    result.succeeded = reply.value("succeeded", false);
    result.revision = etcd_int(reply.value("header", json::object()), "revision");
    if (const auto it = reply.find("responses"); it != reply.end() && it->is_array())
        result.responses = *it;
    return result;
}

std::int64_t EtcdClient::delete_range(const std::string& key, const std::string& range_end) {
    const auto reply =
        call("/v3/kv/deleterange", delete_operation(key, range_end)["request_delete_range"]);
    return etcd_int(reply, "deleted");
}

std::int64_t EtcdClient::grant_lease(std::chrono::seconds ttl) {
    const auto reply = call("/v3/lease/grant", {{"TTL", int_text(ttl.count())}});
    const auto id = etcd_int(reply, "ID");
    if (id == 0)
        throw EtcdRequestError(fmt::format("etcd {}: lease grant: {}", current_endpoint().url(),
                                           reply.value("error", std::string("no lease id"))));
    return id;
}

std::int64_t EtcdClient::keep_alive(std::int64_t lease) {
    // A stream on the gateway; one request in the body gets one answer and the end.
    const auto reply = call("/v3/lease/keepalive", {{"ID", int_text(lease)}});
    return etcd_int(reply.value("result", json::object()), "TTL");
}

void EtcdClient::revoke_lease(std::int64_t lease) {
    call("/v3/lease/revoke", {{"ID", int_text(lease)}});
}

json EtcdClient::status() { return call("/v3/maintenance/status", json::object()); }

}  // namespace shoal::store
