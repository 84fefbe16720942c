// Golden bytes both ways: every message type and every path attribute, written out by hand
// with a comment per field, decoded to the expected value and encoded back to the same bytes.
#include <catch2/catch.hpp>

#include "bgpd-cfn/wire/shutdown_communication.hpp"
#include "tests/unit/address_literals.hpp"
#include "tests/unit/bgp_wire/wire_test_support.hpp"

using namespace cfn::bgp::wire;
using namespace cfn::bgp::wire::test;
using cfn::test::addr;
using cfn::test::pfx;

namespace {

#define MARKER \
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff

// Decodes `bytes` with no problem, checks the value, and encodes it back to `bytes`.
template <typename T>
void golden(const Bytes& bytes, const T& expected, const DecodeContext& decode_context,
            EncodeContext encode_context) {
  const DecodeResult result = decode_message(bytes, decode_context);
  CHECK(result.problems.empty());
  CHECK(decoded_as<T>(result) == expected);
  CHECK(encoded(expected, encode_context) == bytes);
}

}  // namespace

TEST_CASE("KEEPALIVE", "[bgp_wire]") {
  const Bytes bytes = {MARKER, 0x00, 0x13,  // length 19
                       0x04};               // type KEEPALIVE
  golden(bytes, Keepalive{}, ebgp4(), {});
}

TEST_CASE("OPEN with every interpreted capability and an unknown one", "[bgp_wire]") {
  const Bytes bytes = {
      MARKER, 0x00, 0x43, 0x01,                          // length 67, OPEN
      0x04,                                              // version 4
      0xfd,   0xe9,                                      // my AS 65001
      0x00,   0x5a,                                      // hold time 90
      0x0a,   0x00, 0x00, 0x01,                          // BGP identifier 10.0.0.1
      0x26,                                              // optional parameters length 38
      0x02,   0x24,                                      // parameter: capabilities, 36 octets
      0x01,   0x04, 0x00, 0x01, 0x00, 0x01,              // multiprotocol IPv4 unicast
      0x01,   0x04, 0x00, 0x02, 0x00, 0x01,              // multiprotocol IPv6 unicast
      0x02,   0x00,                                      // route refresh
      0x80,   0x00,                                      // route refresh (Cisco)
      0x41,   0x04, 0x00, 0x00, 0xfd, 0xe9,              // 4-octet AS 65001
      0x06,   0x00,                                      // extended message
      0x05,   0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02,  // extended next hop IPv4 over IPv6
      0x40,   0x02, 0x40, 0x78,                          // graceful restart (kept unknown)
  };
  Open open;
  open.my_as = 65001;
  open.hold_time = 90;
  open.bgp_identifier = 0x0a000001;
  open.capabilities.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
  open.capabilities.route_refresh = true;
  open.capabilities.route_refresh_cisco = true;
  open.capabilities.four_octet_as = 65001;
  open.capabilities.extended_message = true;
  open.capabilities.extended_next_hop = {{kAfiIpv4, kSafiUnicast, kAfiIpv6}};
  open.capabilities.unknown = {{64, {0x40, 0x78}}};
  golden(bytes, open, ebgp4(), {});
  CHECK(open.peer_as() == 65001);
}

TEST_CASE("OPEN with RFC 9072 extended optional parameters", "[bgp_wire]") {
  // Two unknown capabilities of 200 octets: 404 octets of capabilities, too many for the
  // 1-octet lengths.
  Open open;
  open.my_as = kAsTrans;
  open.hold_time = 0;
  open.bgp_identifier = 0x01020304;
  open.capabilities.four_octet_as = 4200000001;
  open.capabilities.unknown = {{73, Bytes(200, 0xaa)}, {74, Bytes(200, 0xbb)}};
  Bytes bytes = {MARKER, 0x01, 0xbd, 0x01,              // length 445, OPEN
                 0x04,   0x5b, 0xa0,                    // version 4, my AS 23456 (AS_TRANS)
                 0x00,   0x00,                          // hold time 0
                 0x01,   0x02, 0x03, 0x04,              // BGP identifier
                 0xff,                                  // non-extended length 255 ...
                 0xff,                                  // ... and type 255: extended form follows
                 0x01,   0x9d,                          // extended optional parameters length 413
                 0x02,   0x01, 0x9a,                    // capabilities, 2-octet length 410
                 0x41,   0x04, 0xfa, 0x56, 0xea, 0x01,  // 4-octet AS 4200000001
                 0x49,   0xc8};                         // capability 73, 200 octets
  bytes.insert(bytes.end(), 200, 0xaa);
  bytes.insert(bytes.end(), {0x4a, 0xc8});  // capability 74, 200 octets
  bytes.insert(bytes.end(), 200, 0xbb);
  golden(bytes, open, ebgp4(), {});
  CHECK(open.peer_as() == 4200000001);
}

TEST_CASE("NOTIFICATION with an RFC 9003 shutdown communication", "[bgp_wire]") {
  const Bytes bytes = {MARKER, 0x00, 0x19, 0x03,  // length 25, NOTIFICATION
                       0x06,   0x02,              // Cease / Administrative Shutdown
                       0x03,   'b',  'y',  'e'};  // communication: length 3, "bye"
  const Notification notification = shutdown_notification(cease::kAdministrativeShutdown, "bye");
  golden(bytes, notification, ebgp4(), {});
  CHECK(shutdown_communication(notification) == "bye");
}

TEST_CASE("ROUTE-REFRESH", "[bgp_wire]") {
  const Bytes bytes = {MARKER, 0x00, 0x17, 0x05,  // length 23, ROUTE-REFRESH
                       0x00,   0x02,              // AFI IPv6
                       0x00,                      // subtype 0 (normal request)
                       0x01};                     // SAFI unicast
  golden(bytes, RouteRefresh{kIpv6Unicast, 0}, ebgp4(), {});
}

TEST_CASE("UPDATE with every IPv4 attribute from an internal 4-octet peer", "[bgp_wire]") {
  const Bytes bytes = {
      MARKER, 0x00, 0x95, 0x02,  // length 149, UPDATE
      0x00,   0x03,              // withdrawn routes length 3
      0x10,   0x0a, 0x01,        // 10.1.0.0/16
      0x00,   0x72,              // total path attribute length 114
      0x40,   0x01, 0x01, 0x00,  // ORIGIN IGP
      0x40,   0x02, 0x10,        // AS_PATH, 16 octets
      0x02,   0x02, 0x00, 0x00, 0xfd, 0xe9, 0x00, 0x03, 0x0d, 0x40,  // SEQUENCE 65001 200000
      0x01,   0x01, 0x00, 0x00, 0xfd, 0xea,                          // SET {65002}
      0x40,   0x03, 0x04, 0xc0, 0x00, 0x02, 0x01,                    // NEXT_HOP 192.0.2.1
      0x80,   0x04, 0x04, 0x00, 0x00, 0x00, 0x2a,                    // MED 42
      0x40,   0x05, 0x04, 0x00, 0x00, 0x00, 0xc8,                    // LOCAL_PREF 200
      0x40,   0x06, 0x00,                                            // ATOMIC_AGGREGATE
      0xc0,   0x07, 0x08, 0x00, 0x00, 0xfd, 0xe9, 0x0a, 0x00, 0x00,
      0x02,  // AGGREGATOR 65001 10.0.0.2
      0xc0,   0x08, 0x08, 0xfd, 0xe9, 0x00, 0x64, 0xff, 0xff, 0xff,
      0x01,                                        // COMMUNITIES 65001:100 no-export
      0x80,   0x09, 0x04, 0x0a, 0x00, 0x00, 0x03,  // ORIGINATOR_ID 10.0.0.3
      0x80,   0x0a, 0x04, 0x0a, 0x00, 0x00, 0x04,  // CLUSTER_LIST 10.0.0.4
      0xc0,   0x10, 0x08, 0x00, 0x02, 0xfd, 0xea, 0x00, 0x00, 0x00,
      0x2a,  // EXT route target 65002:42
      0xc0,   0x20, 0x0c, 0x00, 0x00, 0xfd, 0xe9, 0x00, 0x00, 0x00,
      0x01,                            // LARGE 65001:1:2 ...
      0x00,   0x00, 0x00, 0x02,        // ... (local part 2)
      0xe0,   0x63, 0x02, 0xab, 0xcd,  // unknown optional transitive 99, Partial
      0x18,   0xc0, 0x00, 0x02,        // NLRI 192.0.2.0/24
      0x19,   0xc6, 0x33, 0x64, 0x80,  // NLRI 198.51.100.128/25
  };
  Update update;
  update.withdrawn = {pfx("10.1.0.0/16")};
  PathAttributes& a = update.attributes;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{{SegmentType::kSequence, {65001, 200000}}, {SegmentType::kSet, {65002}}}};
  a.next_hop = addr("192.0.2.1");
  a.med = 42;
  a.local_pref = 200;
  a.atomic_aggregate = true;
  a.aggregator = Aggregator{65001, 0x0a000002};
  a.communities = {0xfde90064, kCommunityNoExport};
  a.originator_id = 0x0a000003;
  a.cluster_list = {0x0a000004};
  a.extended_communities = {ExtendedCommunity::route_target(65002, 42)};
  a.large_communities = {{65001, 1, 2}};
  a.unknown = {{0xe0, 99, {0xab, 0xcd}}};
  update.nlri = {pfx("192.0.2.0/24"), pfx("198.51.100.128/25")};
  golden(bytes, update, ibgp4(), {true, false});
  CHECK(a.as_path->length() == 3);
  CHECK(a.extended_communities[0].type() == 0x00);
  CHECK(a.extended_communities[0].subtype() == 0x02);
  CHECK(a.extended_communities[0].transitive());
  CHECK(a.extended_communities[0].as2_global() == 65002);
  CHECK(a.extended_communities[0].as2_local() == 42);
}

TEST_CASE("UPDATE with IPv6 MP_REACH_NLRI (global + link-local) and MP_UNREACH_NLRI",
          "[bgp_wire]") {
  const Bytes bytes = {
      MARKER, 0x00, 0x62, 0x02,  // length 98, UPDATE
      0x00,   0x00,              // no withdrawn routes
      0x00,   0x4b,              // total path attribute length 75
      0x80,   0x0e, 0x2c,        // MP_REACH_NLRI, 44 octets
      0x00,   0x02, 0x01,        // AFI IPv6, SAFI unicast
      0x20,                      // next hop length 32
      0x20,   0x01, 0x0d, 0xb8, 0,    0,    0,    0,    0,
      0,      0,    0,    0,    0,    0,    0x01,  // 2001:db8::1
      0xfe,   0x80, 0,    0,    0,    0,    0,    0,    0,
      0,      0,    0,    0,    0,    0,    0x01,              // fe80::1
      0x00,                                                    // reserved
      0x30,   0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00,              // 2001:db8:100::/48
      0x80,   0x0f, 0x0c,                                      // MP_UNREACH_NLRI, 12 octets
      0x00,   0x02, 0x01,                                      // AFI IPv6, SAFI unicast
      0x40,   0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  // 2001:db8:2::/64
      0x40,   0x01, 0x01, 0x00,                                // ORIGIN IGP
      0x40,   0x02, 0x06, 0x02, 0x01, 0x00, 0x00, 0xfd, 0xe9,  // AS_PATH 65001
  };
  Update update;
  update.mp_reach =
      MpReach{kIpv6Unicast, addr("2001:db8::1"), addr("fe80::1"), {pfx("2001:db8:100::/48")}};
  update.mp_unreach = MpUnreach{kIpv6Unicast, {pfx("2001:db8:2::/64")}};
  update.attributes.origin = Origin::kIgp;
  update.attributes.as_path = AsPath{{{SegmentType::kSequence, {65001}}}};
  golden(bytes, update, ebgp4(), {true, false});
}

TEST_CASE("UPDATE toward a 2-octet peer carries AS_TRANS, AS4_PATH and AS4_AGGREGATOR",
          "[bgp_wire]") {
  const Bytes bytes = {
      MARKER, 0x00, 0x50, 0x02,                                // length 80, UPDATE
      0x00,   0x00,                                            // no withdrawn routes
      0x00,   0x35,                                            // total path attribute length 53
      0x40,   0x01, 0x01, 0x00,                                // ORIGIN IGP
      0x40,   0x02, 0x06, 0x02, 0x02, 0xfd, 0xe9, 0x5b, 0xa0,  // AS_PATH 65001 23456 (2-octet)
      0x40,   0x03, 0x04, 0xc0, 0x00, 0x02, 0x01,              // NEXT_HOP 192.0.2.1
      0xc0,   0x07, 0x06, 0x5b, 0xa0, 0x0a, 0x00, 0x00, 0x09,  // AGGREGATOR 23456 10.0.0.9
      0xc0,   0x11, 0x0a, 0x02, 0x02,                          // AS4_PATH, SEQUENCE of 2
      0x00,   0x00, 0xfd, 0xe9, 0xfa, 0x56, 0xea, 0x01,        // 65001 4200000001
      0xc0,   0x12, 0x08, 0xfa, 0x56, 0xea, 0x01, 0x0a, 0x00, 0x00, 0x09,  // AS4_AGGREGATOR
      0x18,   0xc0, 0x00, 0x02,                                            // NLRI 192.0.2.0/24
  };
  Update update;
  update.attributes.origin = Origin::kIgp;
  update.attributes.as_path = AsPath{{{SegmentType::kSequence, {65001, 4200000001}}}};
  update.attributes.next_hop = addr("192.0.2.1");
  update.attributes.aggregator = Aggregator{4200000001, 0x0a000009};
  update.nlri = {pfx("192.0.2.0/24")};
  golden(bytes, update, ebgp2(), {false, false});
}

TEST_CASE("UPDATE with AS_CONFED segments from an internal peer", "[bgp_wire]") {
  const Bytes bytes =
      update({},
             concat({attribute(0x40, 1, {0x02}),  // ORIGIN INCOMPLETE
                     attribute(0x40, 2,
                               {0x03, 0x01, 0x00, 0x00, 0xff, 0x01,    // CONFED_SEQUENCE 65281
                                0x04, 0x01, 0x00, 0x00, 0xff, 0x02,    // CONFED_SET {65282}
                                0x02, 0x01, 0x00, 0x00, 0xfd, 0xe9}),  // SEQUENCE 65001
                     attribute(0x40, 3, {10, 0, 0, 1}), attribute(0x40, 5, {0, 0, 0, 100})}),
             {0x08, 0x0a});  // 10.0.0.0/8
  Update expected;
  expected.attributes.origin = Origin::kIncomplete;
  expected.attributes.as_path = AsPath{{{SegmentType::kConfedSequence, {65281}},
                                        {SegmentType::kConfedSet, {65282}},
                                        {SegmentType::kSequence, {65001}}}};
  expected.attributes.next_hop = addr("10.0.0.1");
  expected.attributes.local_pref = 100;
  expected.nlri = {pfx("10.0.0.0/8")};
  golden(bytes, expected, ibgp4(), {true, false});
  CHECK(expected.attributes.as_path->length() == 1);  // confederation segments count 0
}

TEST_CASE("End-of-RIB markers for IPv4 and IPv6 unicast", "[bgp_wire]") {
  const Bytes ipv4 = {MARKER, 0x00, 0x17, 0x02,   // length 23, UPDATE
                      0x00,   0x00, 0x00, 0x00};  // no withdrawn routes, no attributes
  const Bytes ipv6 = {MARKER, 0x00, 0x1d, 0x02,   // length 29, UPDATE
                      0x00,   0x00, 0x00, 0x06,   // no withdrawn routes, 6 octets of attributes
                      0x80,   0x0f, 0x03,         // MP_UNREACH_NLRI, 3 octets
                      0x00,   0x02, 0x01};        // AFI IPv6, SAFI unicast, no routes
  Update eor;
  eor.end_of_rib = kIpv4Unicast;
  golden(ipv4, eor, ebgp4(), {true, false});
  eor.end_of_rib = kIpv6Unicast;
  golden(ipv6, eor, ebgp4(), {true, false});
}

TEST_CASE("an attribute longer than 255 octets gets the Extended Length flag", "[bgp_wire]") {
  Update update;
  update.attributes.origin = Origin::kIgp;
  update.attributes.as_path = AsPath{};
  update.attributes.next_hop = addr("192.0.2.1");
  for (std::uint32_t i = 0; i < 70; ++i) update.attributes.communities.push_back(0xfde90000 + i);
  update.nlri = {pfx("192.0.2.0/24")};
  const Bytes bytes = encoded(update);
  const Bytes communities_header = {0xd0, 0x08, 0x01, 0x18};  // O T E, COMMUNITIES, 280 octets
  CHECK(std::search(bytes.begin(), bytes.end(), communities_header.begin(),
                    communities_header.end()) != bytes.end());
  const Bytes empty_as_path = {0x40, 0x02, 0x00};  // present, zero length
  CHECK(std::search(bytes.begin(), bytes.end(), empty_as_path.begin(), empty_as_path.end()) !=
        bytes.end());
  CHECK(decoded_as<Update>(decode_message(bytes, ebgp4())) == update);
}

TEST_CASE("a recognized optional transitive attribute keeps its Partial bit", "[bgp_wire]") {
  const Bytes bytes = update({},
                             concat({attribute(0x40, 1, {0x00}),  // ORIGIN IGP
                                     attribute(0x40, 2, {}),      // empty AS_PATH
                                     attribute(0x40, 3, {192, 0, 2, 1}),
                                     attribute(0xe0, 8, {0xfd, 0xe9, 0x00, 0x64})}),  // O T P
                             {24, 192, 0, 2});
  Update expected;
  expected.attributes.origin = Origin::kIgp;
  expected.attributes.as_path = AsPath{};
  expected.attributes.next_hop = addr("192.0.2.1");
  expected.attributes.communities = {0xfde90064};
  expected.attributes.partial = std::uint64_t{1} << attr::kCommunities;
  expected.nlri = {pfx("192.0.2.0/24")};
  golden(bytes, expected, ebgp4(), {true, false});
}
