// SPDX-License-Identifier: MIT
#include "canned_answers.h"

namespace shoal::test {

using nlohmann::json;

json canned_status() {
    return json::parse(R"json({
  "daemon": {"roles": ["agent", "conductor"], "config": "/etc/shoal/shoal.json",
             "started_at": "2026-11-26T10:00:00Z", "version": "0.1.0"},
  "generation": 42,
  "services": [
    {"name": "web", "id": 0, "protocol": "tcp", "vips": ["198.18.100.1", "2001:db8:100::1"],
     "ports": [80, 443], "buckets": 65536}
  ],
  "servers": [
    {"name": "srv1", "index": 0, "state": "active", "health": "up", "weight": 100,
     "weight_source": "config", "buckets": 32768, "load": 0.23,
     "packets": 123456, "bytes": 98765432, "established": 310,
     "applied_generation": 42, "reported_at": "2026-11-26T10:00:02Z",
     "mtu": {"edge_mtu": 1500, "overhead": 56, "gue_auth": false, "max_inner_packet": 1544,
             "interfaces": [{"name": "eth0", "mtu": 1600, "max_inner_packet": 1544}],
             "fabric_mtu_ok": true}},
    {"name": "srv2", "index": 1, "state": "draining", "health": "up", "weight": 50,
     "weight_source": "manual", "buckets": 0, "load": 0.0,
     "packets": 1234567, "bytes": 3650722201, "established": 12,
     "applied_generation": 42, "reported_at": "2026-11-26T10:00:02Z",
     "mtu": {"edge_mtu": 1500, "overhead": 56, "gue_auth": false, "max_inner_packet": 1444,
             "interfaces": [{"name": "eth0", "mtu": 1500, "max_inner_packet": 1444}],
             "fabric_mtu_ok": false, "warning": "fabric MTU below edge MTU 1500 + 56 bytes of GUE (eth0 MTU 1500)"}},
    {"name": "srv3", "index": 2, "state": "down", "health": "down", "weight": 100,
     "weight_source": "config", "buckets": 32768, "load": null,
     "packets": null, "bytes": null, "established": null,
     "applied_generation": null, "reported_at": null}
  ],
  "agent": {"server": "srv1", "applied_generation": 42,
            "interfaces": [{"name": "eth0", "mode": "native", "dispatcher": false,
                            "program_id": 17, "message": "libxdp fell back to a single program"}],
            "mtu": {"edge_mtu": 1500, "overhead": 56, "gue_auth": false, "max_inner_packet": 1544,
                    "interfaces": [{"name": "eth0", "mtu": 1600, "max_inner_packet": 1544}],
                    "fabric_mtu_ok": true}}
})json");
}

json canned_plan() {
    return json::parse(R"({"change": "drain srv2",
 "services": [
   {"service": "web", "moved": 16384, "optimal_moved": 16384,
    "servers": [{"name": "srv1", "index": 0, "before": 16384, "after": 21846, "target": 21846},
                {"name": "srv2", "index": 1, "before": 16384, "after": 0, "target": 0},
                {"name": "srv3", "index": 2, "before": 32768, "after": 43690, "target": 43690}],
    "load": [{"name": "srv1", "index": 0, "current": 0.2, "projected": 0.27},
             {"name": "srv2", "index": 1, "current": 0.2, "projected": 0.0},
             {"name": "srv3", "index": 2, "current": 0.4, "projected": 0.533}]}
 ]})");
}

json canned_table(bool with_diff) {
    if (!with_diff)
        return json::parse(R"({"generation": 43, "diff_generation": null,
 "services": [
   {"service": "web", "id": 0, "buckets": 65536,
    "servers": [{"name": "srv1", "index": 0, "buckets": 21846},
                {"name": "srv3", "index": 2, "buckets": 43690}]}
 ]})");
    return json::parse(R"({"generation": 43, "diff_generation": 41,
 "services": [
   {"service": "web", "id": 0, "buckets": 65536, "moved": 16384,
    "servers": [{"name": "srv1", "index": 0, "buckets": 21846, "before": 16384, "delta": 5462},
                {"name": "srv2", "index": 1, "buckets": 0, "before": 16384, "delta": -16384},
                {"name": "srv3", "index": 2, "buckets": 43690, "before": 32768,
                 "delta": 10922}]}
 ]})");
}

json canned_stats() {
    return json::parse(R"({"server": "srv1",
 "services": [{"service": "web", "id": 0,
               "counters": {"keep_syn": {"packets": 10, "bytes": 740},
                            "forward_first_hop": {"packets": 2500000, "bytes": 1500000000}}}],
 "no_service": {"pass_not_ip": {"packets": 3, "bytes": 180}},
 "servers": [{"name": "srv2", "index": 1, "packets": 50, "bytes": 4000}]})");
}

}  // namespace shoal::test
