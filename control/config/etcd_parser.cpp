// SPDX-License-Identifier: MIT
#include "config/etcd_parser.h"

#include <fmt/format.h>

namespace shoal::config {

namespace {
constexpr std::uint64_t kMinChunkBytes = 4 * 1024;
// etcd refuses requests above 1.5 MiB by default; a chunk travels base64-encoded.
constexpr std::uint64_t kMaxChunkBytes = 1024 * 1024;

std::optional<std::chrono::milliseconds> read_bounded_duration(const ObjectReader& in,
                                                               std::string_view field,
                                                               std::chrono::milliseconds min) {
    const auto* v = in.find(field);
    if (!v) return std::nullopt;
    auto value = read_duration(*v, in.path(field), in.errors());
    if (value && *value < min) {
        in.errors().add(in.path(field), fmt::format("expected at least {}ms, got {}", min.count(),
                                                    describe_value(*v)));
        return std::nullopt;
    }
    return value;
}

// A key prefix: starts with '/', no trailing '/', printable ASCII without spaces.
bool is_key_prefix(const std::string& prefix) {
    if (prefix.size() < 2 || prefix.front() != '/' || prefix.back() == '/') return false;
    for (char c : prefix)
        if (c <= ' ' || c >= 0x7F) return false;
    return true;
}
}  // namespace

EtcdConfig parse_etcd_fields(const ObjectReader& in, bool required) {
    auto& errors = in.errors();
    EtcdConfig etcd;
    const auto* endpoints =
        required ? in.require("endpoints", "a non-empty array of etcd URLs") : in.find("endpoints");
    if (endpoints) {
        if (const auto* urls = read_array(*endpoints, in.path("endpoints"), errors, false)) {
            for (std::size_t i = 0; i < urls->size(); ++i) {
                const auto& url = (*urls)[i];
                auto endpoint =
                    url.is_string() ? parse_etcd_endpoint(url.get<std::string>()) : std::nullopt;
                if (!endpoint)
                    errors.add(
                        pointer_join(in.path("endpoints"), i),
                        "expected an etcd client URL like \"https://198.18.0.1:2379\", got " +
                            describe_value(url));
                else
                    etcd.endpoints.push_back(*endpoint);
            }
        }
    }
    if (const auto* v = in.find("prefix")) {
        auto prefix = read_string(*v, in.path("prefix"), errors);
        if (prefix && is_key_prefix(*prefix))
            etcd.prefix = *prefix;
        else if (prefix)
            errors.add(in.path("prefix"),
                       "expected a key prefix like \"/shoal\" (starts with '/', no trailing '/', "
                       "no spaces), got " +
                           describe_value(*v));
    }
    for (auto [field, target] :
         {std::pair{"ca_file", &etcd.ca_file}, std::pair{"cert_file", &etcd.cert_file},
          std::pair{"key_file", &etcd.key_file}})
        if (const auto* v = in.find(field))
            *target = read_absolute_path(*v, in.path(field), errors);
    if (auto d = read_bounded_duration(in, "request_timeout", std::chrono::milliseconds(50)))
        etcd.request_timeout = *d;
    if (auto d = read_bounded_duration(in, "lease_ttl", std::chrono::milliseconds(2000)))
        etcd.lease_ttl = *d;
    if (auto d = read_bounded_duration(in, "grace", std::chrono::milliseconds(0))) etcd.grace = *d;
    if (const auto* v = in.find("chunk_bytes"))
        etcd.chunk_bytes = static_cast<std::uint32_t>(
            read_integer(*v, in.path("chunk_bytes"), errors, kMinChunkBytes, kMaxChunkBytes)
                .value_or(etcd.chunk_bytes));
    if (!required) return etcd;

    bool any_tls = false;
    for (const auto& endpoint : etcd.endpoints) any_tls = any_tls || endpoint.tls;
    if (any_tls && !etcd.ca_file)
        errors.add(in.path("ca_file"),
                   "missing: https endpoints need the CA file that signed the etcd members");
    if (etcd.cert_file.has_value() != etcd.key_file.has_value())
        errors.add(in.path(etcd.cert_file ? "key_file" : "cert_file"),
                   "missing: a client certificate needs both cert_file and key_file");
    if (etcd.request_timeout * 2 > etcd.lease_ttl)
        errors.add(in.path("request_timeout"),
                   fmt::format("expected at most half of lease_ttl ({}ms), got {}ms",
                               etcd.lease_ttl.count(), etcd.request_timeout.count()));
    return etcd;
}

}  // namespace shoal::config
