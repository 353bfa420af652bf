// SPDX-License-Identifier: MIT
// Aligned columns like ipvsadm and kubectl print: upper-case headers, two spaces between
// columns, numbers right-aligned, no trailing spaces.
#pragma once

#include <string>
#include <vector>

namespace shoal::cli {

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
};

class TextTable {
  public:
    explicit TextTable(std::vector<Column> columns);

    // Throws std::invalid_argument when the row has another number of cells.
    void add_row(std::vector<std::string> cells);
    bool empty() const noexcept { return rows_.empty(); }

    // Header and rows, each line ending in '\n'.
    std::string render() const;

  private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// Display width in terminal columns, counting each UTF-8 code point as one.
std::size_t display_width(const std::string& text);

}  // namespace shoal::cli
