// Malformed input, one row per rule of RFC 4271 6, RFC 7606, RFC 6793, RFC 7313, RFC 9072,
// plus the shapes behind public BGP CVEs: each row asserts the exact action and
// NOTIFICATION code/subcode (and data where the RFC fixes it).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "bgpd-cfn/wire/open_check.hpp"
#include "tests/unit/address_literals.hpp"
#include "tests/unit/bgp_wire/wire_test_support.hpp"

using namespace cfn::bgp::wire;
using namespace cfn::bgp::wire::test;
using cfn::test::pfx;

namespace {

const Bytes kOrigin = attribute(0x40, 1, {0x00});
const Bytes kAsPath = attribute(0x40, 2, {0x02, 0x01, 0x00, 0x00, 0xfd, 0xe9});  // 4-octet 65001
const Bytes kAsPath2 = attribute(0x40, 2, {0x02, 0x01, 0xfd, 0xe9});             // 2-octet 65001
const Bytes kNextHop = attribute(0x40, 3, {192, 0, 2, 1});
const Bytes kLocalPref = attribute(0x40, 5, {0, 0, 0, 100});
const Bytes kNlri = {24, 192, 0, 2};  // 192.0.2.0/24
const Bytes kMpUnreachV6 = attribute(0x80, 15, {0x00, 0x02, 0x01, 0x20, 0x20, 0x01, 0x0d, 0xb8});
const Bytes kMpReachV6 =
    attribute(0x80, 14, {0x00, 0x02, 0x01, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0,
                         0,    0,    0,    0,    0,    0,    0,    0,    0,
                         0,    0x01, 0x00, 0x20, 0x20, 0x01, 0x0d, 0xb8});  // 2001:db8::/32 via
                                                                            // 2001:db8::1

// An UPDATE for 192.0.2.0/24 with ORIGIN, AS_PATH, NEXT_HOP and `extra` attributes.
Bytes with(const Bytes& extra, const Bytes& as_path = kAsPath) {
  return update({}, concat({kOrigin, as_path, kNextHop, extra}), kNlri);
}

// OPEN fixed fields: version, my AS, hold time, identifier, then `rest` (length + parameters).
Bytes open(std::uint8_t version, std::uint16_t as, std::uint16_t hold, std::uint32_t id,
           const Bytes& rest) {
  return message(
      1, concat({{version, static_cast<std::uint8_t>(as >> 8), static_cast<std::uint8_t>(as),
                  static_cast<std::uint8_t>(hold >> 8), static_cast<std::uint8_t>(hold),
                  static_cast<std::uint8_t>(id >> 24), static_cast<std::uint8_t>(id >> 16),
                  static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id)},
                 rest}));
}
const Bytes kCaps = {0x08, 0x02, 0x06, 0x41, 0x04, 0x00, 0x00, 0xfd, 0xe9};  // 4-octet AS 65001

Bytes with_byte(Bytes bytes, std::size_t index, std::uint8_t value) {
  bytes[index] = value;
  return bytes;
}
Bytes appended(Bytes bytes, std::uint8_t value) {
  bytes.push_back(value);
  return bytes;
}

constexpr auto kReset = Action::kSessionReset;
constexpr auto kWithdraw = Action::kTreatAsWithdraw;
constexpr auto kDiscard = Action::kAttributeDiscard;
constexpr auto kIgnore = Action::kIgnore;
constexpr auto kHeader = ErrorCode::kMessageHeader;
constexpr auto kOpenError = ErrorCode::kOpenMessage;
constexpr auto kUpdateError = ErrorCode::kUpdateMessage;
constexpr auto kRefreshError = ErrorCode::kRouteRefreshMessage;

struct Row {
  std::string rule;
  Bytes bytes;
  DecodeContext context;
  std::optional<Action> action;  // nullopt: decodes without any problem
  ErrorCode code = ErrorCode::kCease;
  std::uint8_t subcode = 0;
  std::optional<Bytes> data = std::nullopt;
};

DecodeContext extended_message() {
  DecodeContext c = ebgp4();
  c.extended_message = true;
  return c;
}

std::vector<Row> rows() {
  const Bytes keepalive = message(4, {});
  const Bytes long_refresh = message(5, {0x00, 0x01, 0x00, 0x01, 0x00});
  return {
      // ---- header (RFC 4271 6.1, RFC 8654) ----
      {"marker not all ones", with_byte(keepalive, 0, 0xfe), ebgp4(), kReset, kHeader, 1},
      {"length field below 19", with_byte(keepalive, 17, 18), ebgp4(), kReset, kHeader, 2,
       Bytes{0x00, 0x12}},
      {"length above 4096 without extended messages", message(2, Bytes(4078, 0)), ebgp4(), kReset,
       kHeader, 2, Bytes{0x10, 0x01}},
      {"length field disagrees with the octets", appended(keepalive, 0), ebgp4(), kReset, kHeader,
       2, Bytes{0x00, 0x13}},
      {"unknown message type 6", message(6, {}), ebgp4(), kReset, kHeader, 3, Bytes{6}},
      {"message type 0", message(0, {}), ebgp4(), kReset, kHeader, 3, Bytes{0}},
      {"KEEPALIVE of 20 octets", message(4, {0}), ebgp4(), kReset, kHeader, 2, Bytes{0, 20}},
      {"OPEN shorter than 29", message(1, Bytes(9, 0)), ebgp4(), kReset, kHeader, 2, Bytes{0, 28}},
      {"UPDATE shorter than 23", message(2, {0, 0, 0}), ebgp4(), kReset, kHeader, 2, Bytes{0, 22}},
      {"NOTIFICATION shorter than 21", message(3, {6}), ebgp4(), kReset, kHeader, 2, Bytes{0, 20}},
      {"OPEN above 4096 even with extended messages",
       open(4, 65001, 90, 1, concat({{0xff, 0xff, 0x0f, 0xf0}, Bytes(4080, 0)})),
       extended_message(), kReset, kHeader, 2},
      {"UPDATE above 4096 with extended messages",
       update({}, concat({kOrigin, kAsPath, kNextHop}), Bytes(4100, 0)), extended_message(),
       std::nullopt},
      // ---- OPEN (RFC 4271 6.2, RFC 5492, RFC 6793, RFC 7607, RFC 9072) ----
      {"valid OPEN", open(4, 65001, 90, 1, kCaps), ebgp4(), std::nullopt},
      {"version 3", open(3, 65001, 90, 1, {0}), ebgp4(), kReset, kOpenError, 1, Bytes{0, 4}},
      {"my AS 0", open(4, 0, 90, 1, {0}), ebgp4(), kReset, kOpenError, 2, Bytes{0, 0}},
      {"AS_TRANS without the 4-octet AS capability", open(4, 23456, 90, 1, {0}), ebgp4(), kReset,
       kOpenError, 2, Bytes{0x5b, 0xa0}},
      {"4-octet AS capability with AS 0",
       open(4, 23456, 90, 1, {0x08, 0x02, 0x06, 0x41, 0x04, 0, 0, 0, 0}), ebgp4(), kReset,
       kOpenError, 2, Bytes{0, 0, 0, 0}},
      {"hold time 1", open(4, 65001, 1, 1, {0}), ebgp4(), kReset, kOpenError, 6, Bytes{0, 1}},
      {"hold time 2", open(4, 65001, 2, 1, {0}), ebgp4(), kReset, kOpenError, 6, Bytes{0, 2}},
      {"BGP identifier 0", open(4, 65001, 90, 0, {0}), ebgp4(), kReset, kOpenError, 3,
       Bytes{0, 0, 0, 0}},
      {"authentication parameter (type 1)", open(4, 65001, 90, 1, {0x04, 0x01, 0x02, 0x00, 0x00}),
       ebgp4(), kReset, kOpenError, 4},
      {"optional parameters length past the message",
       open(4, 65001, 90, 1, concat({{0x0a}, Bytes(kCaps.begin() + 1, kCaps.end())})), ebgp4(),
       kReset, kOpenError, 0},
      {"oversize capability overruns its parameter",
       open(4, 65001, 90, 1, {0x08, 0x02, 0x06, 0x41, 0x0a, 0x00, 0x00, 0xfd, 0xe9}), ebgp4(),
       kReset, kOpenError, 0},
      {"multiprotocol capability of 3 octets",
       open(4, 65001, 90, 1, {0x07, 0x02, 0x05, 0x01, 0x03, 0x00, 0x01, 0x00}), ebgp4(), kReset,
       kOpenError, 0},
      {"4-octet AS capability of 2 octets",
       open(4, 65001, 90, 1, {0x06, 0x02, 0x04, 0x41, 0x02, 0xfd, 0xe9}), ebgp4(), kReset,
       kOpenError, 0},
      {"0xff extended parameters length past the message",
       open(4, 65001, 90, 1,
            concat({{0xff, 0xff, 0x01, 0x00}, Bytes(kCaps.begin() + 1, kCaps.end())})),
       ebgp4(), kReset, kOpenError, 0},
      {"0xff extended parameters length truncated", open(4, 65001, 90, 1, {0xff, 0xff, 0x01}),
       ebgp4(), kReset, kOpenError, 0},
      {"parameters length 255 without the extended form", open(4, 65001, 90, 1, {0xff, 0x02, 0x00}),
       ebgp4(), kReset, kOpenError, 0},
      {"extended-form parameter overruns",
       open(4, 65001, 90, 1, {0xff, 0xff, 0x00, 0x05, 0x02, 0x00, 0x09, 0x41, 0x04}), ebgp4(),
       kReset, kOpenError, 0},
      {"valid extended-form parameters",
       open(4, 65001, 90, 1,
            {0xff, 0xff, 0x00, 0x09, 0x02, 0x00, 0x06, 0x41, 0x04, 0, 0, 0xfd, 0xe9}),
       ebgp4(), std::nullopt},
      // ---- UPDATE lengths and NLRI (RFC 4271 6.3, RFC 7606 4, 5.3) ----
      {"withdrawn routes length past the message", message(2, {0x00, 0x10, 0x00, 0x00}), ebgp4(),
       kReset, kUpdateError, 1},
      {"total attribute length past the message", message(2, {0x00, 0x00, 0x00, 0x20, 0x40}),
       ebgp4(), kReset, kUpdateError, 1},
      {"withdrawn prefix length 33", update({33, 10, 0, 0, 0, 0}, {}, {}), ebgp4(), kReset,
       kUpdateError, 10},
      {"NLRI prefix runs past the end",
       update({}, concat({kOrigin, kAsPath, kNextHop}), {24, 192, 0}), ebgp4(), kReset,
       kUpdateError, 10},
      {"NLRI prefix length 33",
       update({}, concat({kOrigin, kAsPath, kNextHop}), {33, 1, 2, 3, 4, 5}), ebgp4(), kReset,
       kUpdateError, 10},
      {"truncated attribute: length past the attributes field",
       with({0xc0, 0x08, 0x08, 0xfd, 0xe9}), ebgp4(), kWithdraw, kUpdateError, 5},
      {"attribute header cut short", with({0x40, 0x01}), ebgp4(), kWithdraw, kUpdateError, 1},
      {"extended-length header cut short", with({0x50, 0x08, 0x00}), ebgp4(), kWithdraw,
       kUpdateError, 1},
      {"truncated MP_REACH_NLRI", with({0x80, 0x0e, 0x20, 0x00, 0x02}), ebgp4(), kReset,
       kUpdateError, 5},
      {"End-of-RIB (empty UPDATE)", update({}, {}, {}), ebgp4(), std::nullopt},
      {"zero-length NLRI with valid attributes",
       update({}, concat({kOrigin, kAsPath, kNextHop}), {}), ebgp4(), std::nullopt},
      {"zero-length NLRI with a malformed attribute (RFC 7606 5.2)",
       update({}, concat({attribute(0x40, 1, {3}), kAsPath, kNextHop}), {}), ebgp4(), kReset,
       kUpdateError, 6, Bytes{0x40, 0x01, 0x01, 0x03}},
      // ---- attribute rules (RFC 7606 3, 7) ----
      {"ORIGIN value 3", update({}, concat({attribute(0x40, 1, {3}), kAsPath, kNextHop}), kNlri),
       ebgp4(), kWithdraw, kUpdateError, 6, Bytes{0x40, 0x01, 0x01, 0x03}},
      {"ORIGIN length 2",
       update({}, concat({attribute(0x40, 1, {0, 0}), kAsPath, kNextHop}), kNlri), ebgp4(),
       kWithdraw, kUpdateError, 5},
      {"ORIGIN flagged optional",
       update({}, concat({attribute(0xc0, 1, {0}), kAsPath, kNextHop}), kNlri), ebgp4(), kWithdraw,
       kUpdateError, 4, Bytes{0xc0, 0x01, 0x01, 0x00}},
      {"ORIGIN with the Partial bit",
       update({}, concat({attribute(0x60, 1, {0}), kAsPath, kNextHop}), kNlri), ebgp4(), kWithdraw,
       kUpdateError, 4},
      {"AS_PATH segment overruns", with({}, attribute(0x40, 2, {2, 2, 0, 0, 0xfd, 0xe9})), ebgp4(),
       kWithdraw, kUpdateError, 11},
      {"AS_PATH segment of length 0", with({}, attribute(0x40, 2, {2, 0})), ebgp4(), kWithdraw,
       kUpdateError, 11},
      {"AS_PATH segment type 5", with({}, attribute(0x40, 2, {5, 1, 0, 0, 0xfd, 0xe9})), ebgp4(),
       kWithdraw, kUpdateError, 11},
      {"AS_PATH single trailing octet", with({}, attribute(0x40, 2, {2, 1, 0, 0, 0xfd, 0xe9, 2})),
       ebgp4(), kWithdraw, kUpdateError, 11},
      {"AS_PATH with AS 0 (RFC 7607)", with({}, attribute(0x40, 2, {2, 1, 0, 0, 0, 0})), ebgp4(),
       kWithdraw, kUpdateError, 11},
      {"AS_CONFED_SEQUENCE from an external peer",
       with({}, attribute(0x40, 2, {3, 1, 0, 0, 0xfd, 0xe9})), ebgp4(), kWithdraw, kUpdateError,
       11},
      {"NEXT_HOP of 5 octets",
       update({}, concat({kOrigin, kAsPath, attribute(0x40, 3, {192, 0, 2, 1, 0})}), kNlri),
       ebgp4(), kWithdraw, kUpdateError, 5},
      {"NEXT_HOP 0.0.0.0",
       update({}, concat({kOrigin, kAsPath, attribute(0x40, 3, {0, 0, 0, 0})}), kNlri), ebgp4(),
       kWithdraw, kUpdateError, 8, Bytes{0x40, 0x03, 0x04, 0, 0, 0, 0}},
      {"NEXT_HOP 224.0.0.5",
       update({}, concat({kOrigin, kAsPath, attribute(0x40, 3, {224, 0, 0, 5})}), kNlri), ebgp4(),
       kWithdraw, kUpdateError, 8},
      {"NEXT_HOP 127.0.0.1",
       update({}, concat({kOrigin, kAsPath, attribute(0x40, 3, {127, 0, 0, 1})}), kNlri), ebgp4(),
       kWithdraw, kUpdateError, 8},
      {"MED of 3 octets", with(attribute(0x80, 4, {0, 0, 1})), ebgp4(), kWithdraw, kUpdateError, 5},
      {"MED flagged well-known", with(attribute(0x40, 4, {0, 0, 0, 1})), ebgp4(), kWithdraw,
       kUpdateError, 4},
      {"LOCAL_PREF from an external peer", with(attribute(0x40, 5, {0, 1})), ebgp4(), kDiscard,
       kUpdateError, 0},
      {"LOCAL_PREF of 2 octets from an internal peer", with(attribute(0x40, 5, {0, 1})), ibgp4(),
       kWithdraw, kUpdateError, 5},
      {"ATOMIC_AGGREGATE of 1 octet", with(attribute(0x40, 6, {0})), ebgp4(), kDiscard,
       kUpdateError, 5},
      {"ATOMIC_AGGREGATE flagged optional", with(attribute(0x80, 6, {})), ebgp4(), kDiscard,
       kUpdateError, 4},
      {"AGGREGATOR of 7 octets on a 4-octet session",
       with(attribute(0xc0, 7, {0, 0, 0xfd, 0xe9, 10, 0, 0})), ebgp4(), kDiscard, kUpdateError, 5},
      {"AGGREGATOR of 8 octets on a 2-octet session",
       with(attribute(0xc0, 7, {0, 0, 0xfd, 0xe9, 10, 0, 0, 1}), kAsPath2), ebgp2(), kDiscard,
       kUpdateError, 5},
      {"AGGREGATOR with AS 0", with(attribute(0xc0, 7, {0, 0, 0, 0, 10, 0, 0, 1})), ebgp4(),
       kDiscard, kUpdateError, 9},
      {"COMMUNITIES of 0 octets", with(attribute(0xc0, 8, {})), ebgp4(), kWithdraw, kUpdateError,
       5},
      {"COMMUNITIES of 5 octets", with(attribute(0xc0, 8, {1, 2, 3, 4, 5})), ebgp4(), kWithdraw,
       kUpdateError, 5},
      {"COMMUNITIES flagged non-transitive", with(attribute(0x80, 8, {1, 2, 3, 4})), ebgp4(),
       kWithdraw, kUpdateError, 4},
      {"ORIGINATOR_ID of 5 octets from an internal peer",
       with(concat({kLocalPref, attribute(0x80, 9, {10, 0, 0, 1, 0})})), ibgp4(), kWithdraw,
       kUpdateError, 5},
      {"CLUSTER_LIST of 6 octets from an internal peer",
       with(concat({kLocalPref, attribute(0x80, 10, {10, 0, 0, 1, 0, 0})})), ibgp4(), kWithdraw,
       kUpdateError, 5},
      {"CLUSTER_LIST from an external peer", with(attribute(0x80, 10, {10, 0, 0, 1})), ebgp4(),
       kDiscard, kUpdateError, 0},
      {"EXTENDED_COMMUNITIES of 7 octets", with(attribute(0xc0, 16, {0, 2, 0, 1, 0, 0, 0})),
       ebgp4(), kWithdraw, kUpdateError, 5},
      {"LARGE_COMMUNITIES of 11 octets", with(attribute(0xc0, 32, Bytes(11, 1))), ebgp4(),
       kWithdraw, kUpdateError, 5},
      {"malformed AS4_PATH from a 2-octet peer",
       with(attribute(0xc0, 17, {2, 2, 0, 0, 0xfd, 0xe9}), kAsPath2), ebgp2(), kDiscard,
       kUpdateError, 9},
      {"AS4_PATH from a 4-octet peer", with(attribute(0xc0, 17, {2, 1, 0, 0, 0xfd, 0xe9})), ebgp4(),
       kDiscard, kUpdateError, 0},
      {"AS4_AGGREGATOR of 6 octets", with(attribute(0xc0, 18, {0, 0, 0xfd, 0xe9, 10, 0}), kAsPath2),
       ebgp2(), kDiscard, kUpdateError, 5},
      {"unrecognized well-known attribute", with(attribute(0x40, 50, {1})), ebgp4(), kReset,
       kUpdateError, 2, Bytes{0x40, 50, 0x01, 0x01}},
      {"unknown optional non-transitive attribute is dropped", with(attribute(0x80, 50, {1})),
       ebgp4(), std::nullopt},
      {"repeated ORIGIN (RFC 7606 3.g)", with(attribute(0x40, 1, {2})), ebgp4(), kDiscard,
       kUpdateError, 1},
      {"repeated MP_REACH_NLRI", update({}, concat({kMpReachV6, kMpReachV6, kOrigin, kAsPath}), {}),
       ebgp4(), kReset, kUpdateError, 1},
      {"repeated MP_UNREACH_NLRI", update({}, concat({kMpUnreachV6, kMpUnreachV6}), {}), ebgp4(),
       kReset, kUpdateError, 1},
      // ---- mandatory attributes (RFC 7606 3.d, RFC 4760) ----
      {"missing ORIGIN", update({}, concat({kAsPath, kNextHop}), kNlri), ebgp4(), kWithdraw,
       kUpdateError, 3, Bytes{1}},
      {"missing AS_PATH", update({}, concat({kOrigin, kNextHop}), kNlri), ebgp4(), kWithdraw,
       kUpdateError, 3, Bytes{2}},
      {"missing NEXT_HOP with IPv4 NLRI", update({}, concat({kOrigin, kAsPath}), kNlri), ebgp4(),
       kWithdraw, kUpdateError, 3, Bytes{3}},
      {"missing LOCAL_PREF from an internal peer", with({}), ibgp4(), kWithdraw, kUpdateError, 3,
       Bytes{5}},
      {"MP_UNREACH_NLRI alone needs no mandatory attribute", update({}, kMpUnreachV6, {}), ebgp4(),
       std::nullopt},
      {"MP_REACH_NLRI needs no NEXT_HOP", update({}, concat({kMpReachV6, kOrigin, kAsPath}), {}),
       ebgp4(), std::nullopt},
      // ---- MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760, RFC 7606 7.11, 5.3) ----
      {"MP_REACH_NLRI next hop length 8",
       update(
           {},
           concat({attribute(0x80, 14, {0, 2, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0}), kOrigin, kAsPath}),
           {}),
       ebgp4(), kReset, kUpdateError, 9},
      {"MP_REACH_NLRI IPv4 next hop for IPv6",
       update({}, concat({attribute(0x80, 14, {0, 2, 1, 4, 10, 0, 0, 1, 0, 0}), kOrigin, kAsPath}),
              {}),
       ebgp4(), kReset, kUpdateError, 9},
      {"MP_REACH_NLRI prefix length 129",
       update({},
              concat({attribute(0x80, 14, {0, 2, 1, 4 + 12, 0x20, 0x01, 0x0d, 0xb8, 0, 0,   0, 0,
                                           0, 0, 0, 0,      0,    0,    0,    1,    0, 129, 1}),
                      kOrigin, kAsPath}),
              {}),
       ebgp4(), kReset, kUpdateError, 9},
      {"MP_REACH_NLRI of 3 octets",
       update({}, concat({attribute(0x80, 14, {0, 2, 1}), kOrigin, kAsPath}), {}), ebgp4(), kReset,
       kUpdateError, 9},
      {"MP_REACH_NLRI flagged transitive",
       update({}, concat({with_byte(kMpReachV6, 0, 0xc0), kOrigin, kAsPath}), {}), ebgp4(), kReset,
       kUpdateError, 4},
      {"MP_UNREACH_NLRI prefix runs past the end",
       update({}, attribute(0x80, 15, {0, 2, 1, 64, 0x20, 0x01}), {}), ebgp4(), kReset,
       kUpdateError, 9},
      {"MP_UNREACH_NLRI of 2 octets", update({}, attribute(0x80, 15, {0, 2}), {}), ebgp4(), kReset,
       kUpdateError, 9},
      {"MP_REACH_NLRI of a family not negotiated",
       update({},
              concat({attribute(0x80, 14,
                                {0, 2, 128, 4, 10, 0, 0, 1, 0, 0x40, 1, 2, 3, 4, 5, 6, 7, 8}),
                      kOrigin, kAsPath}),
              {}),
       ebgp4(), kIgnore, kUpdateError, 9},
      // ---- ROUTE-REFRESH (RFC 7313 5) and NOTIFICATION ----
      {"ROUTE-REFRESH of 24 octets", long_refresh, ebgp4(), kReset, kRefreshError, 1, long_refresh},
      {"ROUTE-REFRESH of 22 octets", message(5, {0x00, 0x01, 0x00}), ebgp4(), kReset, kRefreshError,
       1},
      {"ROUTE-REFRESH subtype 3 is ignored", message(5, {0x00, 0x01, 0x03, 0x01}), ebgp4(), kIgnore,
       kRefreshError, 0},
      {"NOTIFICATION with an unknown code", message(3, {0x63, 0x01, 0xaa}), ebgp4(), std::nullopt},
  };
}

}  // namespace

TEST_CASE("malformed messages get the exact RFC action and NOTIFICATION", "[bgp_wire]") {
  const std::vector<Row> table = rows();
  CHECK(table.size() >= 40);
  for (const Row& row : table) {
    INFO(row.rule);
    const DecodeResult result = decode_message(row.bytes, row.context);
    if (!row.action) {
      for (const Problem& problem : result.problems) INFO(problem.reason);
      CHECK(result.problems.empty());
      CHECK(result.message.has_value());
      continue;
    }
    const Problem* problem = nullptr;
    for (const Problem& p : result.problems) {
      if (p.action == *row.action) {
        problem = &p;
        break;
      }
    }
    REQUIRE(problem != nullptr);
    INFO(problem->reason);
    CHECK(!problem->reason.empty());
    CHECK(problem->notification.code == row.code);
    CHECK(int{problem->notification.subcode} == int{row.subcode});
    if (row.data) CHECK(problem->notification.data == *row.data);
    if (*row.action == kReset) {
      CHECK(result.session_reset() == problem);
      CHECK_FALSE(result.message.has_value());
      continue;
    }
    CHECK(result.session_reset() == nullptr);
    REQUIRE(result.message.has_value());
    if (const auto* update = std::get_if<Update>(&*result.message)) {
      const bool announced = update->nlri == std::vector{pfx("192.0.2.0/24")};
      const bool withdrawn = update->withdrawn == std::vector{pfx("192.0.2.0/24")};
      if (*row.action == kWithdraw) {
        CHECK(result.treated_as_withdraw());
        CHECK(withdrawn);
        CHECK(update->attributes == PathAttributes{});
      }
      if (*row.action == kDiscard) CHECK(announced);
    }
  }
}

TEST_CASE("treat-as-withdraw withdraws the MP_REACH_NLRI routes too", "[bgp_wire]") {
  const Bytes bytes = update({}, concat({kMpReachV6, attribute(0x40, 1, {7}), kAsPath}), {});
  const DecodeResult result = decode_message(bytes, ebgp4());
  const Update u = decoded_as<Update>(result);
  CHECK(result.treated_as_withdraw());
  CHECK_FALSE(u.mp_reach.has_value());
  REQUIRE(u.mp_unreach.has_value());
  CHECK(u.mp_unreach->afi_safi == kIpv6Unicast);
  CHECK(u.mp_unreach->withdrawn == std::vector{pfx("2001:db8::/32")});
}

TEST_CASE("a discarded attribute leaves the others", "[bgp_wire]") {
  const Bytes bytes =
      with(concat({attribute(0x40, 6, {0}), attribute(0xc0, 8, {0xfd, 0xe9, 0, 1})}));
  const DecodeResult result = decode_message(bytes, ebgp4());
  const Update u = decoded_as<Update>(result);
  CHECK_FALSE(u.attributes.atomic_aggregate);
  CHECK(u.attributes.communities == std::vector<std::uint32_t>{0xfde90001});
  CHECK(u.attributes.origin == Origin::kIgp);
  CHECK(u.nlri == std::vector{pfx("192.0.2.0/24")});
}

TEST_CASE("check_open compares the peer's AS and identifier with the configuration", "[bgp_wire]") {
  Open open;
  open.my_as = kAsTrans;
  open.hold_time = 90;
  open.bgp_identifier = 0x0a000001;
  open.capabilities.four_octet_as = 4200000001;
  OpenExpectation expected{65001, 0x0a000002, RemoteAsKind::kNumber, 4200000001};
  CHECK_FALSE(check_open(open, expected).has_value());

  expected.remote_as = 4200000002;
  auto problem = check_open(open, expected);
  REQUIRE(problem.has_value());
  CHECK(problem->action == Action::kSessionReset);
  CHECK(problem->notification.code == ErrorCode::kOpenMessage);
  CHECK(int{problem->notification.subcode} == open_error::kBadPeerAs);
  CHECK(problem->notification.data == Bytes{0xfa, 0x56, 0xea, 0x01});

  expected.remote_as_kind = RemoteAsKind::kExternal;
  CHECK_FALSE(check_open(open, expected).has_value());
  expected.remote_as_kind = RemoteAsKind::kInternal;
  CHECK(check_open(open, expected)->notification.subcode == open_error::kBadPeerAs);

  expected.local_as = 4200000001;  // internal peer with our own identifier
  expected.local_identifier = 0x0a000001;
  problem = check_open(open, expected);
  REQUIRE(problem.has_value());
  CHECK(int{problem->notification.subcode} == open_error::kBadBgpIdentifier);
  CHECK(problem->notification.data == Bytes{0x0a, 0x00, 0x00, 0x01});
}

TEST_CASE("frame_message cuts a stream into messages and refuses bad headers", "[bgp_wire]") {
  const Bytes stream = concat({message(4, {}), message(5, {0x00, 0x01, 0x00, 0x01})});
  CHECK(frame_message(std::span(stream).first(18), ebgp4()).length == 0);  // need more
  const Frame first = frame_message(stream, ebgp4());
  CHECK_FALSE(first.error.has_value());
  CHECK(first.length == 19);
  CHECK(frame_message(std::span(stream).subspan(19), ebgp4()).length == 23);

  const Frame bad_marker = frame_message(with_byte(stream, 3, 0), ebgp4());
  REQUIRE(bad_marker.error.has_value());
  CHECK(int{bad_marker.error->notification.subcode} == header_error::kConnectionNotSynchronized);
  const Frame too_long = frame_message(with_byte(stream, 16, 0x20), ebgp4());  // 8211
  REQUIRE(too_long.error.has_value());
  CHECK(int{too_long.error->notification.subcode} == header_error::kBadMessageLength);
  DecodeContext extended = ebgp4();
  extended.extended_message = true;
  CHECK(frame_message(with_byte(stream, 16, 0x20), extended).length == 0x2013);
}
