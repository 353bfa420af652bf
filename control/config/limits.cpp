// SPDX-License-Identifier: MIT
#include "config/limits.h"

namespace shoal::config {

namespace {
bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

bool is_valid_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxNameLength || !is_alnum(name.front())) return false;
    for (char c : name)
        if (!is_alnum(c) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

}  // namespace shoal::config
