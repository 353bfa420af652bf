// SPDX-License-Identifier: MIT
// Metric families: one name, HELP, TYPE and label names, and a series per label-value set;
// the counter, gauge and histogram kinds; and the pieces of the Prometheus text exposition
// format 0.0.4 they are rendered in.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_naming.h"

namespace shoal::metrics {

// Pieces of the Prometheus text exposition format, version 0.0.4.

inline constexpr std::string_view kExpositionContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Label values escape backslash, double quote and newline.
std::string escape_label_value(std::string_view value);
// HELP text escapes backslash and newline.
std::string escape_help(std::string_view help);
// Shortest text that reads back as the same double; integers without a fraction;
// "+Inf", "-Inf", "NaN" as the format spells them.
std::string format_sample_value(double value);

// A metric family: one name, HELP, TYPE and label names, and a series per label-value set.

// Label values in the order of the family's label names.
using LabelValues = std::vector<std::string>;

class MetricFamily {
  public:
    MetricFamily(const MetricFamily&) = delete;
    MetricFamily& operator=(const MetricFamily&) = delete;
    virtual ~MetricFamily() = default;

    const std::string& name() const noexcept { return name_; }
    const std::string& help() const noexcept { return help_; }
    MetricType type() const noexcept { return type_; }
    const std::vector<std::string>& label_names() const noexcept { return label_names_; }

    // Appends "# HELP", "# TYPE" and every series, sorted by label values.
    void render(std::string& out) const;
    // Drops one series (a removed server's gauges); false when it was absent.
    bool remove(const LabelValues& labels);
    // Drops every series; a family without labels keeps its single series, reset to zero.
    void clear();
    std::size_t series_count() const;

  protected:
    MetricFamily(std::string name, std::string help, MetricType type,
                 std::vector<std::string> label_names);

    // Throws MetricsError unless there is one value per label name.
    void check_labels(const LabelValues& labels) const;
    // Appends "<name><suffix>{k="v",...[,extra_key="extra_value"]}".
    void append_series_name(std::string& out, std::string_view suffix, const LabelValues& labels,
                            std::string_view extra_key = {},
                            std::string_view extra_value = {}) const;

    // Called with mutex_ held.
    virtual void render_series(std::string& out) const = 0;
    virtual bool remove_series(const LabelValues& labels) = 0;
    virtual void clear_series() = 0;
    virtual std::size_t count_series() const = 0;

    mutable std::mutex mutex_;

  private:
    std::string name_;
    std::string help_;
    MetricType type_;
    std::vector<std::string> label_names_;
};

// The storage shared by every family type: a sorted map from label values to Value.
template <class Value>
class SeriesFamily : public MetricFamily {
  protected:
    using MetricFamily::MetricFamily;

    // Finds or creates the series; call with mutex_ held, after check_labels.
    Value& series(const LabelValues& labels) {
        auto it = series_.find(labels);
        if (it == series_.end()) it = series_.emplace(labels, make_value()).first;
        return it->second;
    }
    const Value* find_series(const LabelValues& labels) const {
        auto it = series_.find(labels);
        return it == series_.end() ? nullptr : &it->second;
    }
    // A copy of the series, nullopt when absent; checks the labels and takes mutex_.
    std::optional<Value> copy_of(const LabelValues& labels) const {
        check_labels(labels);
        std::lock_guard lock(mutex_);
        const Value* found = find_series(labels);
        return found ? std::optional(*found) : std::nullopt;
    }
    // A family without labels shows its one series from the start.
    void add_unlabelled_series() {
        if (label_names().empty()) series({});
    }

    virtual Value make_value() const = 0;

    bool remove_series(const LabelValues& labels) override { return series_.erase(labels) > 0; }
    void clear_series() override {
        series_.clear();
        add_unlabelled_series();
    }
    std::size_t count_series() const override { return series_.size(); }

    std::map<LabelValues, Value> series_;
};

// What counters and gauges share: one double per series, read and rendered the same way.
class ScalarFamily : public SeriesFamily<double> {
  public:
    std::optional<double> value(const LabelValues& labels) const;

  protected:
    ScalarFamily(std::string name, std::string help, MetricType type,
                 std::vector<std::string> label_names)
        : SeriesFamily(std::move(name), std::move(help), type, std::move(label_names)) {}

  private:
    double make_value() const override { return 0; }
    void render_series(std::string& out) const override;
};

// A monotonic count ("shoal_..._total").
class CounterFamily : public ScalarFamily {
  public:
    CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);

    // delta must be finite and >= 0 (MetricsError otherwise).
    void inc(const LabelValues& labels, double delta = 1);
    // Mirrors a count kept elsewhere (a BPF map's per-CPU counters, summed) at scrape time.
    // A smaller total than before reads as a counter reset, as Prometheus expects.
    void set_total(const LabelValues& labels, double total);
};

// A value that goes up and down (a generation, a weight, a state as 0/1).
class GaugeFamily : public ScalarFamily {
  public:
    GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names);

    void set(const LabelValues& labels, double value);
    void add(const LabelValues& labels, double delta);
};

// What one histogram series holds; bucket_counts are per bucket (not cumulative), with the
// last entry counting observations above every bound (the "+Inf" remainder).
struct HistogramData {
    std::vector<std::uint64_t> bucket_counts;
    double sum = 0;
    std::uint64_t count = 0;
};

// Observations sorted into buckets ("_bucket{le=...}" cumulative, "_sum", "_count").
class HistogramFamily : public SeriesFamily<HistogramData> {
  public:
    HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                    std::vector<double> upper_bounds);

    // value must not be NaN (MetricsError).
    void observe(const LabelValues& labels, double value);
    const std::vector<double>& upper_bounds() const noexcept { return upper_bounds_; }
    std::optional<HistogramData> data(const LabelValues& labels) const;

  private:
    HistogramData make_value() const override;
    void render_series(std::string& out) const override;

    std::vector<double> upper_bounds_;
};

}  // namespace shoal::metrics
