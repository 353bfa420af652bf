// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "dataplane/config_writer.h"
#include "dataplane/gue_auth_writer.h"
#include "dataplane/map_set.h"
#include "dataplane/member_writer.h"
#include "dataplane/pin_paths.h"
#include "dataplane/server_writer.h"
#include "dataplane/service_writer.h"
#include "dataplane/stats_reader.h"
#include "dataplane/table_publisher.h"
#include "dataplane/table_slots.h"
#include "dataplane/tx_port_writer.h"
#include "dataplane/unique_fd.h"
#include "dataplane/xdp_attacher.h"

namespace shoal {

struct DataplaneOptions {
    std::string pin_dir = std::string(kDefaultPinDir); // must be on a bpffs
};

// Shoal's XDP data plane as user space sees it: the program, its maps pinned under a bpffs
// directory, and the writers and readers that program them. The maps live in the kernel, not
// in this object: destroying it (or the process dying) detaches and clears nothing.
//
//   auto dp = Dataplane::load({.pin_dir = "/sys/fs/bpf/shoal"});   // or Dataplane::adopt(dir)
//   dp.config().write(config);
//   dp.servers().set(3, {.v4 = IpAddress::parse("198.18.1.3")});
//   dp.tables().publish(service_id, buckets);
//   dp.services().set({key, service_id});
//   dp.attach("eth0");
//   dp.tx_ports().replace_all({if_nametoindex("eth0")});
class Dataplane {
public:
    // Loads shoal_xdp (the verifier runs here), reusing every compatible map already pinned
    // under pin_dir and creating and pinning the missing ones. Reused maps keep their
    // contents, so loading over a crashed data plane's pins loses no state. A pinned map of
    // another layout is refused, naming it.
    static Dataplane load(const DataplaneOptions& options = {});
    // Reopens the pinned maps and program of a running data plane without detaching it or
    // writing anything: the basis of a hitless restart. Throws if a map is missing or has
    // another layout than this build's, or if no program is pinned.
    static Dataplane adopt(const std::string& pin_dir = std::string(kDefaultPinDir));

    const PinPaths& pins() const noexcept { return pins_; }
    const DataplaneMaps& maps() const noexcept { return maps_; }
    // The program loaded by load(), or the pinned one (adopt(), after attach()).
    int program_fd() const noexcept { return program_.get(); }
    std::uint32_t program_id() const;

    ConfigWriter config() const { return ConfigWriter(maps_.config); }
    ServerWriter servers() const { return ServerWriter(maps_.servers); }
    MemberWriter members() const { return MemberWriter(maps_.members); }
    GueAuthWriter gue_auth() const { return GueAuthWriter(maps_.gue_auth); }
    ServiceWriter services() const { return ServiceWriter(maps_.services, maps_.tables); }
    TablePublisher tables() const { return TablePublisher(maps_); }
    TableSlots table_slots() const { return TableSlots(maps_.services, maps_.tables); }
    StatsReader stats() const { return StatsReader(maps_.stats, maps_.server_stats); }
    // The interfaces XDP_REDIRECT may use: the ones this data plane is attached to.
    TxPortWriter tx_ports() const { return TxPortWriter(maps_.tx_ports); }

    // Interfaces are looked up in the calling thread's network namespace.
    AttachResult attach(const std::string& ifname, const AttachOptions& options = {});
    bool detach(const std::string& ifname) const;
    std::optional<AttachResult> attachment(const std::string& ifname) const;

    // Removes every pin; the kernel frees the maps once no program or fd holds them.
    void unpin() const { pins_.remove_all(); }

private:
    Dataplane(PinPaths pins, DataplaneMaps maps, UniqueFd program)
        : pins_(std::move(pins)), maps_(std::move(maps)), program_(std::move(program))
    {
    }

    PinPaths pins_;
    DataplaneMaps maps_;
    UniqueFd program_;
};

} // namespace shoal
