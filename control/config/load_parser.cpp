// SPDX-License-Identifier: MIT
#include "config/load_parser.h"

#include <fmt/format.h>

#include <cmath>

#include "base/duration.h"

namespace shoal::config {
namespace {

// A JSON number in [min, max] (min excluded when `open_min`).
std::optional<double> read_number(const Json& value, std::string_view pointer, ErrorList& errors,
                                  double min, double max, bool open_min = false) {
    const bool number = value.is_number() && std::isfinite(value.get<double>());
    const double v = number ? value.get<double>() : 0;
    if (number && (open_min ? v > min : v >= min) && v <= max) return v;
    errors.add(pointer, fmt::format("expected a number {}{} .. {}, got {}",
                                    open_min ? "above " : "", min, max, describe_value(value)));
    return std::nullopt;
}

bool is_http_url(const std::string& url) {
    return url.starts_with("http://") && url.size() > 7 && url.find(' ') == std::string::npos;
}

}  // namespace

load::SourceSpec parse_load_source(const Json& value, std::string_view pointer, ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"type", "path", "url", "metric", "kind", "idle_modes", "timeout"});
    load::SourceSpec spec;
    if (!in.is_object()) return spec;
    if (const auto* v = in.require("type", "\"proc_stat\", \"prometheus\" or \"file\""))
        spec.type = read_choice<load::SourceType>(*v, in.path("type"), errors,
                                                  {{"proc_stat", load::SourceType::proc_stat},
                                                   {"prometheus", load::SourceType::prometheus},
                                                   {"file", load::SourceType::file}})
                        .value_or(spec.type);
    const bool prometheus = spec.type == load::SourceType::prometheus;
    auto only_for = [&](std::string_view field, bool allowed, std::string_view types) {
        const auto* v = in.find(field);
        if (v && !allowed)
            errors.add(in.path(field),
                       fmt::format("only a {} load source has \"{}\"", types, field));
        return allowed ? v : nullptr;
    };
    if (spec.type == load::SourceType::file && !in.find("path"))
        in.require("path", "the file holding the load (\"0.42\" or \"42%\")");
    if (const auto* v = only_for("path", !prometheus, "\"proc_stat\" or \"file\""))
        spec.path = read_absolute_path(*v, in.path("path"), errors).value_or(spec.path);
    if (prometheus && !in.find("url"))
        in.require("url", "the endpoint, like \"http://127.0.0.1:9100/metrics\"");
    if (const auto* v = only_for("url", prometheus, "\"prometheus\"")) {
        if (v->is_string() && is_http_url(v->get<std::string>()))
            spec.url = v->get<std::string>();
        else
            errors.add(in.path("url"),
                       "expected an http:// URL like \"http://127.0.0.1:9100/metrics\", got " +
                           describe_value(*v));
    }
    if (const auto* v = only_for("metric", prometheus, "\"prometheus\"")) {
        if (v->is_string() && !v->get<std::string>().empty() &&
            v->get<std::string>().find_first_of(" {}\"") == std::string::npos)
            spec.metric = v->get<std::string>();
        else
            errors.add(in.path("metric"), "expected a metric name, got " + describe_value(*v));
    }
    if (const auto* v = only_for("kind", prometheus, "\"prometheus\""))
        spec.kind = read_choice<load::MetricKind>(*v, in.path("kind"), errors,
                                                  {{"cpu_seconds", load::MetricKind::cpu_seconds},
                                                   {"gauge", load::MetricKind::gauge}})
                        .value_or(spec.kind);
    if (const auto* v = only_for("idle_modes", prometheus, "\"prometheus\"")) {
        spec.idle_modes.clear();
        if (const auto* modes = read_array(*v, in.path("idle_modes"), errors, false))
            for (std::size_t i = 0; i < modes->size(); ++i)
                if (auto mode =
                        read_string((*modes)[i], pointer_join(in.path("idle_modes"), i), errors))
                    spec.idle_modes.push_back(*mode);
    }
    if (const auto* v = only_for("timeout", prometheus, "\"prometheus\"")) {
        spec.timeout = read_duration(*v, in.path("timeout"), errors).value_or(spec.timeout);
        if (spec.timeout < std::chrono::milliseconds(10) || spec.timeout > std::chrono::seconds(30))
            errors.add(in.path("timeout"), "expected 10ms .. 30s, got " + describe_value(*v));
    }
    return spec;
}

load::ControllerSettings parse_load_controller(const Json& value, std::string_view pointer,
                                               ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"enabled", "interval", "dead_band", "damping", "max_step", "floor",
                     "move_budget", "stale_after"});
    load::ControllerSettings s;
    if (!in.is_object()) return s;
    s.enabled = true;
    if (const auto* v = in.find("enabled"))
        s.enabled = read_bool(*v, in.path("enabled"), errors).value_or(true);
    auto duration = [&](std::string_view field, std::chrono::milliseconds& out,
                        std::chrono::milliseconds min) {
        const auto* v = in.find(field);
        if (!v) return;
        out = read_duration(*v, in.path(field), errors).value_or(out);
        if (out < min)
            errors.add(in.path(field), fmt::format("expected at least {}, got {}",
                                                   format_duration(min), describe_value(*v)));
    };
    duration("interval", s.interval, std::chrono::milliseconds(100));
    duration("stale_after", s.stale_after, std::chrono::milliseconds(100));
    auto number = [&](std::string_view field, double& out, double min, double max, bool open_min) {
        if (const auto* v = in.find(field))
            out = read_number(*v, in.path(field), errors, min, max, open_min).value_or(out);
    };
    number("dead_band", s.dead_band, 0, 0.5, false);
    number("damping", s.damping, 0, 1, true);
    number("max_step", s.max_step, 0, 1, true);
    number("floor", s.floor, 0, 1, true);
    number("move_budget", s.move_budget, 0, 1, true);
    return s;
}

}  // namespace shoal::config
