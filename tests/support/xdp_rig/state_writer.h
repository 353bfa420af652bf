// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "dataplane/dataplane.h"
#include "model/state.h"

namespace shoal::test {

// Makes the maps of a loaded data plane hold exactly a model::DataplaneState, so the program
// and the model decide on the same bytes. Servers and members go through the loader's writers.
// Config, services and tables are written entry by entry through the loader's BpfMap, because
// the world holds states the high-level writers refuse on purpose (a service pointing at an
// empty slot, a mask past its table's end, a one-bucket table, a tweaked config): the program
// must still handle them.
class StateWriter {
  public:
    explicit StateWriter(const Dataplane& dataplane) : dp_(dataplane) {}

    // Writes what differs from the state last applied (everything the first time). A new
    // config also refills the program's ICMP token buckets, so the answers a case expects do
    // not depend on the rate limits of the cases before it.
    void apply(const model::DataplaneState& state);
    const model::DataplaneState& applied() const;
    // Empties the per-CPU ICMP rate state (shoal_icmp_rate: not pinned, found among the
    // program's maps): every CPU's bucket is full again.
    void reset_icmp_rate() const;

  private:
    void write_config(const shoal_config& config) const;
    void write_servers(const model::DataplaneState& state) const;
    void write_members(const model::DataplaneState& state) const;
    void write_services(const model::DataplaneState& state) const;
    void write_tables(const model::DataplaneState& state) const;
    void write_tx_ports(const model::DataplaneState& state) const;
    void write_gue_auth(const std::optional<shoal_gue_auth>& gue_auth) const;

    const Dataplane& dp_;
    std::optional<model::DataplaneState> applied_;
};

}  // namespace shoal::test
