// SPDX-License-Identifier: MIT
#include "cli/text_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace shoal::cli {

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::add_row(std::vector<std::string> cells) {
    if (cells.size() != columns_.size())
        throw std::invalid_argument(
            fmt::format("table row has {} cells for {} columns", cells.size(), columns_.size()));
    rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<std::size_t> widths;
    for (const auto& column : columns_) widths.push_back(display_width(column.header));
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(widths[i] - display_width(cells[i]), ' ');
            if (i > 0) out += "  ";
            out += columns_[i].align == Align::right ? pad + cells[i] : cells[i] + pad;
        }
        out.erase(out.find_last_not_of(' ') + 1);
        return out + "\n";
    };
    std::vector<std::string> headers;
    for (const auto& column : columns_) headers.push_back(column.header);
    std::string out = line(headers);
    for (const auto& row : rows_) out += line(row);
    return out;
}

}  // namespace shoal::cli
