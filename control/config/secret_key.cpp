// SPDX-License-Identifier: MIT
#include "config/secret_key.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace shoal::config {
namespace {

constexpr std::size_t kKeyDigits = 32;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Closes on every return path.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::optional<SecretKey> parse_key_hex(std::string_view text) {
    if (text.size() != kKeyDigits) return std::nullopt;
    SecretKey key{};
    for (std::size_t i = 0; i < key.size(); ++i) {
        const int high = hex_digit(text[2 * i]), low = hex_digit(text[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        key[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return key;
}

SipKeyWords key_words(const SecretKey& key) {
    SipKeyWords words{};
    for (int word = 0; word < 2; ++word)
        for (int byte = 7; byte >= 0; --byte)
            words[word] = (words[word] << 8) | key[word * 8 + byte];
    return words;
}

std::optional<SecretKey> read_key_file(const std::filesystem::path& file, std::string_view pointer,
                                       ErrorList& errors) {
    const std::string name = file.string();
    // The checks apply to the open file itself, so a file swapped in between cannot pass them.
    const Fd in{::open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
    if (in.fd < 0) {
        errors.add(pointer, fmt::format("cannot read key file {}: {}", name, std::strerror(errno)));
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(in.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        errors.add(pointer, fmt::format("key file {} is not a regular file", name));
        return std::nullopt;
    }
    if ((st.st_mode & 077) != 0) {
        errors.add(pointer, fmt::format("key file {} has mode {:04o}: group or others may read "
                                        "or change it; it must be 0600 or stricter (chmod 600)",
                                        name, st.st_mode & 07777));
        return std::nullopt;
    }
    char buffer[kKeyDigits + 2];  // one more than a key and its newline: too long shows
    const ssize_t n = ::read(in.fd, buffer, sizeof(buffer));
    if (n < 0) {
        errors.add(pointer, fmt::format("cannot read key file {}: {}", name, std::strerror(errno)));
        return std::nullopt;
    }
    std::string_view text(buffer, static_cast<std::size_t>(n));
    if (text.size() == kKeyDigits + 1 && text.back() == '\n') text.remove_suffix(1);
    const auto key = parse_key_hex(text);
    if (!key)
        errors.add(pointer, fmt::format("key file {}: expected exactly 32 hex digits (a 128-bit "
                                        "key) and an optional newline",
                                        name));
    return key;
}

}  // namespace shoal::config
