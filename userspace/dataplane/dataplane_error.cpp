// SPDX-License-Identifier: MIT
#include "dataplane/dataplane_error.h"

#include <bpf/libbpf.h>
#include <fmt/format.h>

#include <cstdlib>

namespace shoal {

DataplaneError::DataplaneError(std::string message, std::string_view operation,
                               std::string_view object, std::string_view key, int error_number)
    : std::runtime_error(std::move(message)),
      operation_(operation),
      object_(object),
      key_(key),
      error_number_(error_number) {}

DataplaneError DataplaneError::system(std::string_view operation, std::string_view object,
                                      std::string_view key, int error_number) {
    const int err = std::abs(error_number);
    std::string message(operation);
    if (!object.empty()) message += fmt::format(" {}", object);
    if (!key.empty()) message += fmt::format(" key {}", key);
    message += fmt::format(": {}", errno_text(err));
    return DataplaneError(std::move(message), operation, object, key, err);
}

DataplaneError DataplaneError::invalid(std::string_view operation, std::string_view reason) {
    return DataplaneError(fmt::format("{}: {}", operation, reason), operation, {}, {}, 0);
}

std::string errno_text(int error_number) {
    // libbpf_strerror also knows libbpf's own codes (LIBBPF_ERRNO__*, 4000 and up).
    char buf[128] = {};
    if (::libbpf_strerror(std::abs(error_number), buf, sizeof(buf)) != 0 && buf[0] == '\0')
        return fmt::format("error {}", std::abs(error_number));
    return buf;
}

}  // namespace shoal
