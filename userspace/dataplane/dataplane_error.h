// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace shoal {

// A data-plane operation that failed, naming what was attempted, on which object (map,
// program, interface, path), for which key, and why (errno text), e.g.
// "update shoal_services key 198.18.0.10/tcp/80: No space left on device".
class DataplaneError : public std::runtime_error {
  public:
    // A failed syscall or library call; error_number is an errno value (sign ignored).
    static DataplaneError system(std::string_view operation, std::string_view object,
                                 std::string_view key, int error_number);
    // A request refused before reaching the kernel (validation), e.g.
    // "publish table for service 3: bucket 17: first hop 9000 is not a configured server".
    static DataplaneError invalid(std::string_view operation, std::string_view reason);

    const std::string& operation() const noexcept { return operation_; }
    const std::string& object() const noexcept { return object_; }
    const std::string& key() const noexcept { return key_; }
    int error_number() const noexcept { return error_number_; }  // 0 for invalid()

  private:
    DataplaneError(std::string message, std::string_view operation, std::string_view object,
                   std::string_view key, int error_number);

    std::string operation_;
    std::string object_;
    std::string key_;
    int error_number_ = 0;
};

// strerror text for an errno value of either sign.
std::string errno_text(int error_number);

}  // namespace shoal
