// SPDX-License-Identifier: MIT
// RFC 4648 base64 with padding, for the binary parts of generation files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shoal::store {

std::string base64_encode(std::string_view bytes);
// nullopt on any character outside the alphabet or bad padding.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace shoal::store
