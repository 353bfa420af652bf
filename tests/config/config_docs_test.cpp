// SPDX-License-Identifier: MIT
// The examples in docs/config.md must stay valid.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_loader.h"

namespace {
// The ```json blocks that follow `heading` (up to the next "## " heading).
std::vector<std::string> json_blocks_after(const std::string& doc, const std::string& heading) {
    std::vector<std::string> blocks;
    auto pos = doc.find("\n" + heading + "\n");
    REQUIRE(pos != std::string::npos);
    const auto end = doc.find("\n## ", pos + 1);
    while ((pos = doc.find("```json\n", pos)) != std::string::npos && pos < end) {
        const auto start = pos + 8;
        const auto close = doc.find("```", start);
        blocks.push_back(doc.substr(start, close - start));
        pos = close + 3;
    }
    return blocks;
}
}  // namespace

TEST_CASE("the examples in docs/config.md are valid configs") {
    std::ifstream in(std::filesystem::path(SHOAL_SOURCE_DIR) / "docs" / "config.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const auto blocks = json_blocks_after(text.str(), "## Complete example");
    REQUIRE(blocks.size() == 2);

    const auto full = shoal::config::parse_config(blocks[0], "docs/config.md example");
    CHECK(full.fleet.servers.size() == 2);
    CHECK(full.fleet.services.size() == 2);
    CHECK(full.runs_agent());
    CHECK(full.runs_conductor());

    const auto smallest = shoal::config::parse_config(blocks[1], "docs/config.md smallest");
    CHECK(smallest.fleet.services.empty());
    CHECK(smallest.runs_agent());
}
