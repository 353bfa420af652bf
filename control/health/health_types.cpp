// SPDX-License-Identifier: MIT
#include "health/health_types.h"

#include <fmt/format.h>

#include "base/enum_names.h"

namespace shoal::health {
namespace {

[[noreturn]] void fail(const Target& target, std::string_view what) {
    throw HealthError(fmt::format("health check {}: {}", to_string(target.id), what));
}

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

std::string_view to_string(CheckType type) { return type == CheckType::http ? "http" : "tcp"; }

CheckType parse_check_type(std::string_view text) {
    if (text == "tcp") return CheckType::tcp;
    if (text == "http") return CheckType::http;
    throw HealthError(fmt::format("health check type \"{}\": expected \"tcp\" or \"http\"", text));
}

std::string to_string(const TargetId& id) { return id.service + "/" + id.server; }

void check_target(const Target& target) {
    const CheckConfig& check = target.check;
    if (target.id.service.empty() || target.id.server.empty())
        fail(target, "service and server names must not be empty");
    if (target.address.is_unspecified())
        fail(target, fmt::format("address {} is unspecified", target.address.to_string()));
    if (target.port == 0) fail(target, "port must be 1..65535, got 0");
    if (check.interval.count() <= 0)
        fail(target, fmt::format("interval must be positive, got {}ms", check.interval.count()));
    if (check.timeout.count() <= 0)
        fail(target, fmt::format("timeout must be positive, got {}ms", check.timeout.count()));
    if (check.jitter.count() < 0)
        fail(target, fmt::format("jitter must not be negative, got {}ms", check.jitter.count()));
    if (check.rise < 1) fail(target, fmt::format("rise must be at least 1, got {}", check.rise));
    if (check.fall < 1) fail(target, fmt::format("fall must be at least 1, got {}", check.fall));
    if (check.type == CheckType::http) {
        if (check.http_path.empty() || check.http_path.front() != '/' ||
            has_line_break(check.http_path) || check.http_path.find(' ') != std::string::npos)
            fail(target, fmt::format("http path \"{}\" must start with '/' and hold no spaces "
                                     "or line breaks",
                                     check.http_path));
        if (has_line_break(check.http_host)) fail(target, "http host must not hold line breaks");
    }
}

bool same_probe(const Target& a, const Target& b) {
    if (a.address != b.address || a.port != b.port || a.check.type != b.check.type) return false;
    return a.check.type == CheckType::tcp ||
           (a.check.http_path == b.check.http_path && a.check.http_host == b.check.http_host);
}

std::string_view to_string(HealthState state) {
    static constexpr EnumNames<HealthState, 3> kNames{
        {{HealthState::unknown, "unknown"}, {HealthState::up, "up"}, {HealthState::down, "down"}}};
    return name_of(kNames, state);
}

}  // namespace shoal::health
