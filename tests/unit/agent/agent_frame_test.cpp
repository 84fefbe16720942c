// Agent frame codec: golden bytes both ways with a fixed key, round trips, and a table of
// malformed frames with the exact reason each is refused for.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <string_view>

#include "libcfnmetric/agent/agent_frame.hpp"
#include "libcfnmetric/agent/hmac.hpp"
#include "tests/unit/agent/hex.hpp"

using cfn::metric::AgentKey;
using cfn::metric::AgentReport;
using cfn::metric::FrameError;
using cfn::metric::KeyRing;
using cfn::test::Bytes;
using cfn::test::concat;
using cfn::test::field;
using cfn::test::framed;
using cfn::test::from_hex;
using cfn::test::from_text;

namespace {

const AgentKey kKey{"k1", "secret"};
const KeyRing kKeys{{"k1", "secret"}, {"k2", "other"}};

AgentReport golden_report() {
  AgentReport report;
  report.site = "edge-1";
  report.service = "video";
  report.instance = "v1";
  report.timestamp_ms = 1700000000000;
  report.sequence = 1700000000000000;
  report.metrics.cpu_utilization = 0.5;
  report.metrics.cpu_cores = 4;
  report.metrics.queue_depth = 12;
  report.metrics.healthy = true;
  return report;
}

// Report fields 1-7 of golden_report(), written out by hand.
const Bytes kGoldenReport = from_hex(
    "0a 06 656467652d31"      // 1 site "edge-1"
    "12 05 766964656f"        // 2 service "video"
    "1a 02 7631"              // 3 instance "v1"
    "20 80d095ffbc31"         // 4 timestamp 1700000000000 (varint)
    "28 8080f9c0c1c48203"     // 5 sequence 1700000000000000
    "32 14"                   // 6 metrics, 20 octets:
    "   09 000000000000e03f"  //   1 cpu_utilization 0.5 (double, little endian)
    "   11 0000000000001040"  //   2 cpu_cores 4.0
    "   58 0c"                //   11 queue_depth 12
    "38 01");                 // 7 health HEALTH_OK

// HMAC-SHA256("secret", kGoldenReport), computed independently (Python's hmac module).
const Bytes kGoldenHmac =
    from_hex("e39e8217b943f214cfa48d081e8fab640c957cee2ad2efa7b6bcc31ced409cac");

const Bytes kGoldenFrame = framed(concat({field(0x0a, kGoldenReport),       // 1 report
                                          field(0x12, kGoldenHmac),         // 2 hmac
                                          field(0x1a, from_text("k1"))}));  // 3 key_id

// A SignedReport around report bytes, signed with secret under key_id.
Bytes signed_frame(const Bytes& report, std::string_view secret = "secret",
                   std::string_view key_id = "k1") {
  const auto mac = cfn::metric::hmac_sha256(from_text(secret), report);
  return framed(concat({field(0x0a, report), field(0x12, Bytes(mac.begin(), mac.end())),
                        field(0x1a, from_text(key_id))}));
}

}  // namespace

TEST_CASE("encode_frame produces the golden bytes", "[agent][frame][golden]") {
  CHECK(kGoldenFrame.size() == 4 + 99);
  CHECK(cfn::metric::encode_report(golden_report()) == kGoldenReport);
  CHECK(cfn::metric::encode_frame(golden_report(), kKey) == kGoldenFrame);
}

TEST_CASE("decode_frame reads the golden bytes", "[agent][frame][golden]") {
  const auto decoded = cfn::metric::decode_frame(kGoldenFrame, kKeys);
  REQUIRE(decoded);
  CHECK(*decoded.value == golden_report());
}

TEST_CASE("A report round-trips with every metric, and with none", "[agent][frame]") {
  AgentReport full = golden_report();
  auto& m = full.metrics;
  m.load_average_1 = 1.25;
  m.cpu_pressure = 3.5;
  m.memory_utilization = 0.75;
  m.memory_pressure = 0;
  m.gpu_utilization = 0.9;
  m.gpu_memory_free = 12ULL << 30;
  m.gpu_memory_total = 80ULL << 30;
  m.gpu_power_watts = 300;
  m.requests_in_flight = 3;
  m.processing_delay_us = 450;
  m.requests_per_second = 120.5;
  m.healthy = false;
  AgentReport empty = golden_report();
  empty.metrics = {};
  for (const AgentReport& report : {full, empty}) {
    const auto decoded = cfn::metric::decode_frame(cfn::metric::encode_frame(report, kKey), kKeys);
    REQUIRE(decoded);
    CHECK(*decoded.value == report);
  }
}

TEST_CASE("A frame signed with the second key verifies under its own key id", "[agent][frame]") {
  const auto frame = cfn::metric::encode_frame(golden_report(), {"k2", "other"});
  REQUIRE(cfn::metric::decode_frame(frame, kKeys));
  // Same bytes claimed under k1: the HMAC no longer matches.
  const auto claimed = signed_frame(kGoldenReport, "other", "k1");
  CHECK(cfn::metric::decode_frame(claimed, kKeys).error == FrameError::kBadHmac);
}

TEST_CASE("Malformed frames are refused with their reason", "[agent][frame][malformed]") {
  Bytes flipped_hmac = kGoldenHmac;
  flipped_hmac[31] ^= 0x01;
  AgentReport no_site = golden_report();
  no_site.site.clear();
  AgentReport bad_instance = golden_report();
  bad_instance.instance = "v 1";
  AgentReport negative = golden_report();
  negative.metrics.cpu_utilization = -0.1;
  AgentReport not_a_number = golden_report();
  not_a_number.metrics.processing_delay_us = std::numeric_limits<double>::quiet_NaN();
  AgentReport infinite = golden_report();
  infinite.metrics.gpu_power_watts = std::numeric_limits<double>::infinity();

  struct Case {
    const char* name;
    Bytes frame;
    FrameError error;
  };
  const Case cases[] = {
      {"empty", {}, FrameError::kTruncated},
      {"short header", from_hex("000000"), FrameError::kTruncated},
      {"payload cut short", Bytes(kGoldenFrame.begin(), kGoldenFrame.end() - 1),
       FrameError::kTruncated},
      {"length above 64 KiB", from_hex("00010001"), FrameError::kOversize},
      {"length 4 GiB - 1", from_hex("ffffffff"), FrameError::kOversize},
      {"byte after the frame", concat({kGoldenFrame, from_hex("00")}), FrameError::kTrailingBytes},
      {"payload not protobuf", framed(from_hex("ffff")), FrameError::kBadSignedReport},
      {"field length past the end", framed(from_hex("0a05 0102")), FrameError::kBadSignedReport},
      {"empty payload: no hmac", framed({}), FrameError::kBadHmacLength},
      {"hmac 31 octets",
       framed(concat(
           {field(0x0a, kGoldenReport), field(0x12, Bytes(31, 0)), field(0x1a, from_text("k1"))})),
       FrameError::kBadHmacLength},
      {"unknown key id", signed_frame(kGoldenReport, "secret", "k3"), FrameError::kUnknownKey},
      {"hmac bit flipped",
       framed(concat(
           {field(0x0a, kGoldenReport), field(0x12, flipped_hmac), field(0x1a, from_text("k1"))})),
       FrameError::kBadHmac},
      {"wrong secret", signed_frame(kGoldenReport, "Secret"), FrameError::kBadHmac},
      {"signed garbage", signed_frame(from_hex("0aff")), FrameError::kBadReport},
      {"empty site", signed_frame(cfn::metric::encode_report(no_site)), FrameError::kBadIdentity},
      {"space in instance", signed_frame(cfn::metric::encode_report(bad_instance)),
       FrameError::kBadIdentity},
      {"negative utilization", signed_frame(cfn::metric::encode_report(negative)),
       FrameError::kBadValue},
      {"NaN delay", signed_frame(cfn::metric::encode_report(not_a_number)), FrameError::kBadValue},
      {"infinite power", signed_frame(cfn::metric::encode_report(infinite)), FrameError::kBadValue},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const auto decoded = cfn::metric::decode_frame(c.frame, kKeys);
    CHECK_FALSE(decoded);
    CHECK(cfn::metric::frame_error_name(decoded.error) == cfn::metric::frame_error_name(c.error));
  }
}

TEST_CASE("decode_frame_length accepts up to 64 KiB", "[agent][frame]") {
  const auto max = from_hex("00010000");
  const auto length =
      cfn::metric::decode_frame_length(std::span<const std::uint8_t, 4>(max.data(), 4));
  REQUIRE(length);
  CHECK(*length.value == 65536);
}

TEST_CASE("An unknown health value reads as absent", "[agent][frame]") {
  Bytes report = kGoldenReport;
  report.back() = 0x07;  // health 7: from a newer agent
  const auto decoded = cfn::metric::decode_frame(signed_frame(report), kKeys);
  REQUIRE(decoded);
  CHECK_FALSE(decoded.value->metrics.healthy.has_value());
}

TEST_CASE("Every frame error has a distinct name", "[agent][frame]") {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < cfn::metric::kFrameErrorCount; ++i)
    names.insert(cfn::metric::frame_error_name(static_cast<FrameError>(i)));
  CHECK(names.size() == cfn::metric::kFrameErrorCount);
  CHECK(names.count("bad-hmac") == 1);
}
