// SPDX-License-Identifier: MIT
// The etcd store over TLS with client certificates, against a member that requires them.
// The CA and certificates are made here with the openssl CLI.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "etcd_server.h"
#include "store/etcd_store.h"
#include "store_fixture.h"
#include "support/temp_dir.h"

using namespace shoal::store;
using shoal::test::make_snapshot;

namespace {
void run(const std::string& command) {
    INFO(command);
    REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

// A CA, a certificate for a member on 127.0.0.1 and one for a client, all signed by the CA.
shoal::test::EtcdTlsFiles make_pki(const std::filesystem::path& dir, const std::string& ca_name) {
    const auto at = [&](const std::string& name) { return (dir / name).string(); };
    const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    run(fmt::format("openssl req -x509 {} -keyout {} -out {} -days 2 -subj '/CN={}'", key,
                    at("ca-key.pem"), at("ca.pem"), ca_name));
    for (const auto& [name, usage, san] :
         {std::tuple{"member", "serverAuth,clientAuth", "subjectAltName=IP:127.0.0.1\n"},
          std::tuple{"client", "clientAuth", ""}}) {
        std::ofstream(at(std::string(name) + ".ext"))
            << san << "extendedKeyUsage=" << usage << "\n";
        run(fmt::format("openssl req {} -keyout {} -out {} -subj '/CN=shoal-{}'", key,
                        at(std::string(name) + "-key.pem"), at(std::string(name) + ".csr"), name));
        run(
            fmt::format("openssl x509 -req -in {} -CA {} -CAkey {} -CAcreateserial -out {} -days 2 "
                        "-extfile {}",
                        at(std::string(name) + ".csr"), at("ca.pem"), at("ca-key.pem"),
                        at(std::string(name) + ".pem"), at(std::string(name) + ".ext")));
    }
    return {dir / "ca.pem", dir / "member.pem", dir / "member-key.pem", dir / "client.pem",
            dir / "client-key.pem"};
}
}  // namespace

TEST_CASE("the etcd store talks TLS with a client certificate to a member that requires one") {
    shoal::test::TempDir dir;
    const auto pki = make_pki(dir.path(), "shoal test CA");
    shoal::test::EtcdServer server(pki);
    auto config = server.store_config("/tls");
    REQUIRE(config.endpoints[0].url().starts_with("https://127.0.0.1:"));

    SECTION("with the client certificate: publish and read") {
        config.cert_file = pki.client_cert;
        config.key_file = pki.client_key;
        EtcdStore({config}).publish(make_snapshot(1));
        const auto result = EtcdStore({config}).read();
        REQUIRE(result.snapshot);
        CHECK(*result.snapshot == make_snapshot(1));
    }
    SECTION("without a client certificate the member refuses, and the reader says so") {
        const auto result = EtcdStore({config}).read();
        CHECK(result.snapshot == nullptr);
        REQUIRE(result.problems.size() == 1);
        CHECK_THAT(result.problems[0], Catch::Contains("etcd unreachable"));
        CHECK_THAT(result.problems[0], Catch::Contains(config.endpoints[0].url()));
    }
    SECTION("a member whose certificate another CA signed is not trusted") {
        shoal::test::TempDir other;
        const auto stranger = make_pki(other.path(), "another CA");
        config.ca_file = stranger.ca;
        config.cert_file = pki.client_cert;
        config.key_file = pki.client_key;
        const auto result = EtcdStore({config}).read();
        REQUIRE(result.problems.size() == 1);
        CHECK_THAT(result.problems[0], Catch::Contains("TLS handshake"));
        CHECK_THAT(result.problems[0], Catch::Contains("certificate verify failed"));
    }
    SECTION("a missing CA file is an error naming the file") {
        config.ca_file = dir / "nope.pem";
        CHECK_THROWS_WITH(EtcdStore({config}),
                          Catch::Contains("ca_file") && Catch::Contains("nope.pem"));
    }
}
