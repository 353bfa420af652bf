// SPDX-License-Identifier: MIT
// Load from a file: one number, the busy fraction ("0.42") or a percentage ("42%"). Whatever
// writes it (a test, the lab, a local agent) owns its freshness; the agent reports it as is.
#pragma once

#include <filesystem>
#include <string_view>

#include "load/load_source.h"

namespace shoal::load {

// The file's text as a utilisation, or why it is not one (empty, not a number, NaN, < 0, > 1).
LoadSample parse_load_text(std::string_view text, std::string_view source);

class FileSource final : public LoadSource {
  public:
    explicit FileSource(std::filesystem::path path) : path_(std::move(path)) {}
    LoadSample sample() override;
    std::string describe() const override { return "file " + path_.string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace shoal::load
