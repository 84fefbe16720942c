// Tests for neighbor configuration -> PeerSettings: remote-as number/internal/external, timers
// inherited from `timers bgp`, the connect timer, passive, TTL, families, shutdown, and the
// neighbors that cannot run (unnumbered, no remote-as, no `router bgp`).
#include <catch2/catch.hpp>

#include "bgpd-cfn/peer_settings.hpp"
#include "tests/unit/address_literals.hpp"

using namespace cfn::bgp;
using cfn::test::addr;
using std::chrono::seconds;

namespace {

constexpr std::uint32_t kRouterId = 0x0a000001;  // 10.0.0.1
constexpr std::uint16_t kPort = 1179;

BgpConfig config() {
  BgpConfig c;
  c.asn = 65001;
  c.timers = Timers{10, 30};
  return c;
}

Neighbor neighbor(std::string remote_as) {
  Neighbor n;
  n.remote_as = std::move(remote_as);
  n.af[Afi::kIpv4].activate = true;
  return n;
}

PeerSettings settings(const Neighbor& n, const BgpConfig& c = config(),
                      std::string_view key = "192.0.2.2") {
  const auto s = peer_settings(c, n, PeerKey::parse(key), kRouterId, kPort);
  REQUIRE(s);
  return *s;
}

}  // namespace

TEST_CASE("An eBGP neighbor by AS number", "[bgpd][peer_settings]") {
  const PeerSettings s = settings(neighbor("65002"));
  CHECK(s.remote == addr("192.0.2.2"));
  CHECK(s.port == kPort);
  CHECK_FALSE(s.local);
  CHECK(s.expect == wire::OpenExpectation{.local_as = 65001,
                                          .local_identifier = kRouterId,
                                          .remote_as_kind = wire::RemoteAsKind::kNumber,
                                          .remote_as = 65002});
  CHECK(s.ttl == 1);
  CHECK(s.ipv4_unicast);
  CHECK_FALSE(s.ipv6_unicast);
  CHECK_FALSE(s.timers.passive);
  CHECK_FALSE(s.shutdown);
  CHECK(is_external(config(), neighbor("65002")));
  // A 4-octet AS number.
  CHECK(settings(neighbor("4200000001")).expect.remote_as == 4200000001u);
}

TEST_CASE("remote-as internal, external, and the local AS by number", "[bgpd][peer_settings]") {
  const PeerSettings internal = settings(neighbor("internal"));
  CHECK(internal.expect.remote_as_kind == wire::RemoteAsKind::kInternal);
  CHECK(internal.ttl == 255);
  CHECK_FALSE(is_external(config(), neighbor("internal")));

  const PeerSettings same_as = settings(neighbor("65001"));
  CHECK(same_as.expect.remote_as_kind == wire::RemoteAsKind::kNumber);
  CHECK(same_as.expect.remote_as == 65001u);
  CHECK(same_as.ttl == 255);
  CHECK_FALSE(is_external(config(), neighbor("65001")));

  const PeerSettings external = settings(neighbor("external"));
  CHECK(external.expect.remote_as_kind == wire::RemoteAsKind::kExternal);
  CHECK(external.ttl == 1);
  CHECK(is_external(config(), neighbor("external")));
}

TEST_CASE("TTL: eBGP 1, ebgp-multihop N, iBGP 255 whatever multihop says",
          "[bgpd][peer_settings]") {
  Neighbor n = neighbor("65002");
  n.ebgp_multihop = 5;
  CHECK(settings(n).ttl == 5);
  n.ebgp_multihop = 255;
  CHECK(settings(n).ttl == 255);
  Neighbor ibgp = neighbor("internal");
  ibgp.ebgp_multihop = 5;
  CHECK(settings(ibgp).ttl == 255);
}

TEST_CASE("Timers inherit `timers bgp`; the neighbor's own win; connect timer 120 by default",
          "[bgpd][peer_settings]") {
  Neighbor n = neighbor("65002");
  PeerSettings s = settings(n);
  CHECK(s.timers.keepalive == seconds{10});
  CHECK(s.timers.hold == seconds{30});
  CHECK(s.timers.connect_retry == seconds{120});

  n.timers = Timers{3, 9};
  n.connect_timer = 5;
  s = settings(n);
  CHECK(s.timers.keepalive == seconds{3});
  CHECK(s.timers.hold == seconds{9});
  CHECK(s.timers.connect_retry == seconds{5});

  // FRR's defaults when `timers bgp` is absent.
  BgpConfig plain;
  plain.asn = 65001;
  s = settings(neighbor("65002"), plain);
  CHECK(s.timers.keepalive == seconds{60});
  CHECK(s.timers.hold == seconds{180});
}

TEST_CASE("passive, update-source, shutdown with its message", "[bgpd][peer_settings]") {
  Neighbor n = neighbor("65002");
  n.passive = true;
  n.update_source = "192.0.2.1";
  n.shutdown = true;
  n.shutdown_message = "maintenance";
  const PeerSettings s = settings(n);
  CHECK(s.timers.passive);
  CHECK(s.local == addr("192.0.2.1"));
  CHECK(s.shutdown);
  CHECK(s.shutdown_message == "maintenance");
}

TEST_CASE("Families follow activate", "[bgpd][peer_settings]") {
  Neighbor n = neighbor("65002");
  n.af[Afi::kIpv4].activate = false;
  n.af[Afi::kIpv6].activate = true;
  PeerSettings s = settings(n, config(), "2001:db8::2");
  CHECK(s.remote == addr("2001:db8::2"));
  CHECK_FALSE(s.ipv4_unicast);
  CHECK(s.ipv6_unicast);
  n.af[Afi::kIpv4].activate = true;
  s = settings(n);
  CHECK(s.ipv4_unicast);
  CHECK(s.ipv6_unicast);
}

TEST_CASE("Unnumbered, no remote-as or no `router bgp`: no settings", "[bgpd][peer_settings]") {
  const Neighbor n = neighbor("65002");
  CHECK_FALSE(peer_settings(config(), n, PeerKey::parse("eth0"), kRouterId, kPort));
  CHECK_FALSE(peer_settings(config(), neighbor(""), PeerKey::parse("192.0.2.2"), kRouterId, kPort));
  CHECK_FALSE(peer_settings(BgpConfig{}, n, PeerKey::parse("192.0.2.2"), kRouterId, kPort));
}
