// SPDX-License-Identifier: MIT
#include "load/file_source.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace shoal::load;

TEST_CASE("load text: a fraction or a percentage") {
    CHECK(*parse_load_text("0.42", "f").utilisation == Approx(0.42));
    CHECK(*parse_load_text(" 0.5\n", "f").utilisation == Approx(0.5));
    CHECK(*parse_load_text("42%", "f").utilisation == Approx(0.42));
    CHECK(*parse_load_text("100 %\n", "f").utilisation == Approx(1.0));
    CHECK(*parse_load_text("0", "f").utilisation == 0);
}

TEST_CASE("load text: broken inputs are errors that name the source, never zero") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "empty"},
        {"  \n", "empty"},
        {"high", "is not a number"},
        {"0.5 0.6", "is not a number"},
        {"0.5x", "is not a number"},
        {"nan", "NaN"},
        {"inf", "infinite"},
        {"-0.1", "negative"},
        {"1.5", "above 1"},
        {"150%", "above 1"},
        {"1e999", "is not a number"},
        {"%", "is not a number"},
    };
    for (const auto& [text, why] : cases) {
        INFO("text: \"" << text << "\"");
        const auto sample = parse_load_text(text, "file /run/load");
        CHECK_FALSE(sample.ok());
        CHECK_THAT(sample.error, Catch::StartsWith("file /run/load: ") && Catch::Contains(why));
    }
}

TEST_CASE("file source: reads the file each time; a missing file is an error") {
    const auto path = std::filesystem::temp_directory_path() / "shoal-load-file-source-test";
    std::filesystem::remove(path);
    FileSource source(path);
    auto missing = source.sample();
    CHECK_FALSE(missing.ok());
    CHECK_THAT(missing.error, Catch::Contains(path.string()) && Catch::Contains("cannot open"));
    std::ofstream(path) << "0.25\n";
    CHECK(*source.sample().utilisation == Approx(0.25));
    std::ofstream(path) << "75%";
    CHECK(*source.sample().utilisation == Approx(0.75));
    std::filesystem::remove(path);
}
