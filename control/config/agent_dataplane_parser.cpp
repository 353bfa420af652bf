// SPDX-License-Identifier: MIT
#include "config/agent_dataplane_parser.h"

#include <fmt/format.h>

#include "config/secret_key.h"

namespace shoal::config {
namespace {

constexpr std::uint64_t kMaxIcmpRate = 1000000;  // per second per CPU
constexpr std::uint64_t kMaxIcmpBurst = 1000000;

std::optional<SipKeyWords> key_from(const Json* value, const std::string& pointer,
                                    std::optional<std::filesystem::path>& file, ErrorList& errors) {
    if (value == nullptr) return std::nullopt;
    file = read_absolute_path(*value, pointer, errors);
    if (!file) return std::nullopt;
    const auto key = read_key_file(*file, pointer, errors);
    if (!key) return std::nullopt;
    return key_words(*key);
}

}  // namespace

GueAuthConfig parse_gue_auth(const Json& value, std::string_view pointer, ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors, {"mode", "key_file", "next_key_file"});
    GueAuthConfig auth;
    if (!in.is_object()) return auth;
    if (const auto* v = in.require("mode", "\"off\", \"permissive\" or \"enforce\""))
        auth.mode = read_choice<GueAuthMode>(*v, in.path("mode"), errors,
                                             {{"off", GueAuthMode::off},
                                              {"permissive", GueAuthMode::permissive},
                                              {"enforce", GueAuthMode::enforce}})
                        .value_or(auth.mode);
    // A key file given with mode off is read too, so a key can be put in place before use.
    if (auth.mode != GueAuthMode::off && !in.find("key_file"))
        in.require("key_file", fmt::format("the current key's file: mode {} sends and checks tags",
                                           to_string(auth.mode)));
    auth.key = key_from(in.find("key_file"), in.path("key_file"), auth.key_file, errors);
    auth.next_key =
        key_from(in.find("next_key_file"), in.path("next_key_file"), auth.next_key_file, errors);
    if (auth.next_key_file && !in.find("key_file"))
        errors.add(in.path("next_key_file"), "a next key needs a current one: give key_file too");
    if (auth.next_key_file && auth.key_file && *auth.next_key_file == *auth.key_file)
        errors.add(in.path("next_key_file"),
                   fmt::format("{} is key_file too: the next key must be another file",
                               auth.next_key_file->string()));
    return auth;
}

IcmpTooBigConfig parse_icmp_too_big(const Json& value, std::string_view pointer,
                                    ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors, {"rate", "burst"});
    IcmpTooBigConfig icmp;
    if (const auto* v = in.find("rate"))
        icmp.rate = static_cast<std::uint32_t>(
            read_integer(*v, in.path("rate"), errors, 0, kMaxIcmpRate).value_or(icmp.rate));
    if (const auto* v = in.find("burst"))
        icmp.burst = static_cast<std::uint32_t>(
            read_integer(*v, in.path("burst"), errors, 1, kMaxIcmpBurst).value_or(icmp.burst));
    return icmp;
}

}  // namespace shoal::config
