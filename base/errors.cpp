// SPDX-License-Identifier: MIT
#include "base/errors.h"

#include <cstring>

namespace shoal {

std::string errno_message(std::string_view what, int error) {
    return std::string(what) + ": " + std::strerror(error);
}

std::system_error errno_error(std::string_view what, int error) {
    return std::system_error(error, std::generic_category(), std::string(what));
}

}  // namespace shoal
