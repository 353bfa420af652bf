// SPDX-License-Identifier: MIT
// A metric family: one name, HELP, TYPE and label names, and a series per label-value set.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_naming.h"

namespace shoal::metrics {

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

}  // namespace shoal::metrics
