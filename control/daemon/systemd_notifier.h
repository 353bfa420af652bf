// SPDX-License-Identifier: MIT
#pragma once
// The daemon's side of Type=notify: READY, STATUS, WATCHDOG, STOPPING through
// libsystemd's sd_notify. Outside systemd (no NOTIFY_SOCKET) every call is a no-op.

#include <chrono>
#include <optional>
#include <string_view>

namespace shoal::daemon {

class SystemdNotifier {
  public:
    void ready(std::string_view status) const;
    void status(std::string_view status) const;
    void watchdog() const;
    void stopping(std::string_view status) const;
    void reloading(std::string_view status) const;

    // How often to call watchdog(): half of WatchdogSec, or nothing if it is off.
    std::optional<std::chrono::microseconds> watchdog_period() const;
};

}  // namespace shoal::daemon
