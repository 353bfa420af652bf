// SPDX-License-Identifier: MIT
#include "state/operator_state.h"

#include <fmt/format.h>

#include "config/json_reader.h"
#include "config/limits.h"
#include "state/operator_state.h"

namespace shoal::state {

namespace {
void check_name(std::string_view server) {
    if (!config::is_valid_name(server))
        throw StateError(
            fmt::format("invalid server name \"{}\": expected {}", server, config::kNameRule));
}
}  // namespace

bool OperatorState::drain(std::string_view server) {
    check_name(server);
    return drained_.emplace(server).second;
}

bool OperatorState::undrain(std::string_view server) {
    const auto it = drained_.find(server);
    if (it == drained_.end()) return false;
    drained_.erase(it);
    return true;
}

bool OperatorState::set_weight(std::string_view server, std::uint32_t weight) {
    check_name(server);
    if (weight > config::kMaxWeight)
        throw StateError(fmt::format("weight {} for server {} is above the maximum {}", weight,
                                     server, config::kMaxWeight));
    const auto it = weights_.find(server);
    if (it != weights_.end()) return std::exchange(it->second, weight) != weight;
    weights_.emplace(server, weight);
    return true;
}

bool OperatorState::clear_weight(std::string_view server) {
    const auto it = weights_.find(server);
    if (it == weights_.end()) return false;
    weights_.erase(it);
    return true;
}

bool OperatorState::is_drained(std::string_view server) const { return drained_.contains(server); }

std::optional<std::uint32_t> OperatorState::manual_weight(std::string_view server) const {
    const auto it = weights_.find(server);
    if (it == weights_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> OperatorState::unknown_servers(const config::FleetConfig& fleet) const {
    std::set<std::string> unknown;
    for (const auto& name : drained_)
        if (fleet.find_server(name) == nullptr) unknown.insert(name);
    for (const auto& [name, weight] : weights_)
        if (fleet.find_server(name) == nullptr) unknown.insert(name);
    return {unknown.begin(), unknown.end()};
}

nlohmann::json OperatorState::to_json() const {
    nlohmann::json weights = nlohmann::json::object();
    for (const auto& [name, weight] : weights_) weights[name] = weight;
    return {{"format", kStateFormat}, {"drained", drained_}, {"weights", std::move(weights)}};
}

OperatorState OperatorState::from_json(const nlohmann::json& value, std::string_view source) {
    config::ErrorList errors{std::string(source)};
    config::ObjectReader in(value, "", errors, {"format", "drained", "weights"});
    OperatorState state;
    if (const auto* format = in.require("format", fmt::format("\"{}\"", kStateFormat));
        format && *format != kStateFormat)
        errors.add(in.path("format"), fmt::format("expected \"{}\", got {}", kStateFormat,
                                                  config::describe_value(*format)));
    if (const auto* drained = in.find("drained")) {
        if (const auto* names = config::read_array(*drained, in.path("drained"), errors, true))
            for (std::size_t i = 0; i < names->size(); ++i) {
                const auto at = config::pointer_join(in.path("drained"), i);
                if (auto name = config::read_name((*names)[i], at, errors);
                    name && !state.drained_.insert(*name).second)
                    errors.add(at, fmt::format("server {} is listed more than once", *name));
            }
    }
    if (const auto* weights = in.find("weights")) {
        if (!weights->is_object())
            errors.add(in.path("weights"), "expected an object of server name -> weight, got " +
                                               config::describe_value(*weights));
        else
            for (const auto& [name, weight] : weights->items()) {
                const auto at = config::pointer_join(in.path("weights"), name);
                if (!config::is_valid_name(name))
                    errors.add(at, fmt::format("expected {} as the key", config::kNameRule));
                else if (auto w = config::read_integer(weight, at, errors, 0, config::kMaxWeight))
                    state.weights_.emplace(name, static_cast<std::uint32_t>(*w));
            }
    }
    if (!errors.empty()) throw StateError(errors.joined());
    return state;
}

}  // namespace shoal::state
