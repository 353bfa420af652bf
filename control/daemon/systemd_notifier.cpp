// SPDX-License-Identifier: MIT
#include "daemon/systemd_notifier.h"

#include <systemd/sd-daemon.h>

#include <string>

namespace shoal::daemon {
namespace {

void notify(std::string_view state, std::string_view status) {
    std::string message(state);
    if (!status.empty()) {
        message += "\nSTATUS=";
        message += status;
    }
    // Best effort by design: a lost notification must never stop the data plane.
    sd_notify(0, message.c_str());
}

}  // namespace

void SystemdNotifier::ready(std::string_view status) const { notify("READY=1", status); }

void SystemdNotifier::status(std::string_view status) const {
    notify(std::string("STATUS=").append(status), "");
}

void SystemdNotifier::watchdog() const { notify("WATCHDOG=1", ""); }

void SystemdNotifier::stopping(std::string_view status) const { notify("STOPPING=1", status); }

void SystemdNotifier::reloading(std::string_view status) const { notify("RELOADING=1", status); }

std::optional<std::chrono::microseconds> SystemdNotifier::watchdog_period() const {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
    return std::chrono::microseconds(usec / 2);
}

}  // namespace shoal::daemon
