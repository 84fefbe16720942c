// Tests for export_attributes: one row per export rule (sender, RFC 1997 communities, iBGP
// split horizon, eBGP and iBGP attribute rewriting), with the exact attributes expected.
#include <catch2/catch.hpp>

#include <functional>
#include <optional>

#include "bgpd-cfn/rib/export_attributes.hpp"
#include "rib_test_helpers.hpp"

using namespace cfn::bgp;
namespace net = cfn::net;
using namespace cfn::bgp::test;

namespace {

constexpr std::uint32_t kLocalAs = 65000;
constexpr PeerId kTarget = 7;

const ExportSource kFromEbgp{.peer = 1, .type = PeerType::kExternal};
const ExportSource kFromIbgp{.peer = 2, .type = PeerType::kInternal};
const ExportSource kFromLocal{.peer = kLocalPeer, .type = PeerType::kLocal};

ExportTarget ebgp() {
  return ExportTarget{.peer = kTarget,
                      .type = PeerType::kExternal,
                      .local_as = kLocalAs,
                      .self_next_hop = address("192.0.2.254"),
                      .next_hop_self = false,
                      .default_local_pref = 100};
}

ExportTarget ibgp(bool next_hop_self = false) {
  ExportTarget target = ebgp();
  target.type = PeerType::kInternal;
  target.self_next_hop = address("10.255.0.1");
  target.next_hop_self = next_hop_self;
  return target;
}

// Everything an eBGP-learned route may carry.
wire::PathAttributes learned() {
  wire::PathAttributes a = attributes({65001, 65100}, "198.51.100.1");
  a.med = 50;
  a.communities = {0xFDE80001};
  a.large_communities = {wire::LargeCommunity{65001, 1, 2}};
  a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7),
                            wire::ExtendedCommunity::as2_specific(0x40, 0x04, 65001, 0)};
  a.unknown = {wire::UnknownAttribute{.flags = 0xE0, .type = 99, .value = {1, 2}}};
  return a;
}

using Edit = std::function<void(wire::PathAttributes&)>;

struct Row {
  const char* rule;
  Edit input;  // applied to learned()
  ExportSource from;
  ExportTarget to;
  std::optional<Edit> expected;  // applied to learned(); nullopt: not exported
};

void no_edit(wire::PathAttributes&) {}

}  // namespace

TEST_CASE("Export rules, one row each", "[bgp][rib][export]") {
  const Row rows[] = {
      {"eBGP to eBGP: prepend our AS, next hop self, no MED, only transitive ext communities",
       no_edit, kFromEbgp, ebgp(),
       [](wire::PathAttributes& a) {
         a.as_path->segments[0].asns = {kLocalAs, 65001, 65100};
         a.next_hop = address("192.0.2.254");
         a.med.reset();
         a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7)};
       }},
      {"iBGP to eBGP: LOCAL_PREF, MED, ORIGINATOR_ID and CLUSTER_LIST removed",
       [](wire::PathAttributes& a) {
         a.local_pref = 300;
         a.originator_id = 0x0A000009;
         a.cluster_list = {0x0A0000FE};
       },
       kFromIbgp, ebgp(),
       [](wire::PathAttributes& a) {
         a.as_path->segments[0].asns = {kLocalAs, 65001, 65100};
         a.next_hop = address("192.0.2.254");
         a.med.reset();
         a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7)};
       }},
      {"local to eBGP: our MED kept, an absent AS_PATH becomes our AS",
       [](wire::PathAttributes& a) {
         a.as_path.reset();
         a.next_hop.reset();
       },
       kFromLocal, ebgp(),
       [](wire::PathAttributes& a) {
         a.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, {kLocalAs}}}};
         a.next_hop = address("192.0.2.254");
         a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7)};
       }},
      {"eBGP to eBGP: a leading AS_SET gets a new AS_SEQUENCE in front",
       [](wire::PathAttributes& a) { a.as_path->segments[0].type = wire::SegmentType::kSet; },
       kFromEbgp, ebgp(),
       [](wire::PathAttributes& a) {
         a.as_path->segments[0].type = wire::SegmentType::kSet;
         a.as_path->segments.insert(a.as_path->segments.begin(),
                                    wire::AsPathSegment{wire::SegmentType::kSequence, {kLocalAs}});
         a.next_hop = address("192.0.2.254");
         a.med.reset();
         a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7)};
       }},
      {"eBGP to eBGP: a full AS_SEQUENCE (255) gets a new one in front",
       [](wire::PathAttributes& a) { a.as_path->segments[0].asns.assign(255, 65001); }, kFromEbgp,
       ebgp(),
       [](wire::PathAttributes& a) {
         a.as_path->segments[0].asns.assign(255, 65001);
         a.as_path->segments.insert(a.as_path->segments.begin(),
                                    wire::AsPathSegment{wire::SegmentType::kSequence, {kLocalAs}});
         a.next_hop = address("192.0.2.254");
         a.med.reset();
         a.extended_communities = {wire::ExtendedCommunity::route_target(65001, 7)};
       }},
      {"eBGP to iBGP: LOCAL_PREF 100 added, everything else as received", no_edit, kFromEbgp,
       ibgp(), [](wire::PathAttributes& a) { a.local_pref = 100; }},
      {"eBGP to iBGP: a LOCAL_PREF already set is kept",
       [](wire::PathAttributes& a) { a.local_pref = 250; }, kFromEbgp, ibgp(),
       [](wire::PathAttributes& a) { a.local_pref = 250; }},
      {"eBGP to iBGP with next-hop-self", no_edit, kFromEbgp, ibgp(true),
       [](wire::PathAttributes& a) {
         a.local_pref = 100;
         a.next_hop = address("10.255.0.1");
       }},
      {"local to iBGP: empty AS_PATH, next hop self, LOCAL_PREF 100",
       [](wire::PathAttributes& a) {
         a.as_path.reset();
         a.next_hop.reset();
       },
       kFromLocal, ibgp(),
       [](wire::PathAttributes& a) {
         a.as_path = wire::AsPath{};
         a.next_hop = address("10.255.0.1");
         a.local_pref = 100;
       }},
      {"iBGP to iBGP: not sent (no route reflection)", no_edit, kFromIbgp, ibgp(), std::nullopt},
      {"never back to the sender", no_edit,
       ExportSource{.peer = kTarget, .type = PeerType::kExternal}, ebgp(), std::nullopt},
      {"NO_ADVERTISE: not to eBGP",
       [](wire::PathAttributes& a) { a.communities.push_back(wire::kCommunityNoAdvertise); },
       kFromEbgp, ebgp(), std::nullopt},
      {"NO_ADVERTISE: not to iBGP",
       [](wire::PathAttributes& a) { a.communities.push_back(wire::kCommunityNoAdvertise); },
       kFromEbgp, ibgp(), std::nullopt},
      {"NO_EXPORT: not to eBGP",
       [](wire::PathAttributes& a) { a.communities.push_back(wire::kCommunityNoExport); },
       kFromEbgp, ebgp(), std::nullopt},
      {"NO_EXPORT_SUBCONFED: not to eBGP",
       [](wire::PathAttributes& a) { a.communities.push_back(wire::kCommunityNoExportSubconfed); },
       kFromLocal, ebgp(), std::nullopt},
      {"NO_EXPORT: still to iBGP",
       [](wire::PathAttributes& a) { a.communities.push_back(wire::kCommunityNoExport); },
       kFromEbgp, ibgp(),
       [](wire::PathAttributes& a) {
         a.communities.push_back(wire::kCommunityNoExport);
         a.local_pref = 100;
       }},
  };
  for (const Row& row : rows) {
    INFO(row.rule);
    wire::PathAttributes input = learned();
    row.input(input);
    const std::optional<wire::PathAttributes> out = export_attributes(input, row.from, row.to);
    if (!row.expected) {
      CHECK_FALSE(out);
      continue;
    }
    wire::PathAttributes expected = learned();
    (*row.expected)(expected);
    REQUIRE(out);
    CHECK(*out == expected);
  }
}
