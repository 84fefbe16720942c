// Service push lines: what parses into which metrics, and a table of malformed lines with the
// reason each is refused for.
#include <catch2/catch.hpp>

#include <string>

#include "libcfnmetric/agent/service_push.hpp"

using cfn::metric::parse_service_push;

TEST_CASE("A full push line sets every service-reported metric", "[agent][push]") {
  const auto parsed = parse_service_push(
      "service=video instance=v1 queue=12 inflight=3 delay_us=450 rps=120.5 health=ok\n");
  REQUIRE(parsed);
  const auto& push = *parsed.value;
  CHECK(push.service == "video");
  CHECK(push.instance == "v1");
  CHECK(push.metrics.queue_depth == 12u);
  CHECK(push.metrics.requests_in_flight == 3u);
  CHECK(push.metrics.processing_delay_us == 450.0);
  CHECK(push.metrics.requests_per_second == 120.5);
  CHECK(push.metrics.healthy == true);
  CHECK_FALSE(push.metrics.cpu_utilization.has_value());
}

TEST_CASE("A push line needs only service=, in any order, tabs allowed", "[agent][push]") {
  const auto minimal = parse_service_push("service=video");
  REQUIRE(minimal);
  CHECK_FALSE(minimal.value->instance.has_value());
  CHECK(minimal.value->metrics == cfn::metric::L0Metrics{});

  const auto reordered = parse_service_push("  health=fail\tqueue=0   service=video  ");
  REQUIRE(reordered);
  CHECK(reordered.value->metrics.healthy == false);
  CHECK(reordered.value->metrics.queue_depth == 0u);
  CHECK(parse_service_push("service=a delay_us=1e3").value->metrics.processing_delay_us == 1000.0);
  CHECK(parse_service_push("service=a queue=4294967295").value->metrics.queue_depth == 4294967295u);
}

TEST_CASE("Malformed push lines are refused with a reason", "[agent][push][malformed]") {
  struct Case {
    std::string line;
    std::string error;
  };
  const Case cases[] = {
      {"", "no service="},
      {"queue=3", "no service="},
      {"service=video colour=blue", "unknown key 'colour'"},
      {"service=video queue", "'queue' is not KEY=VALUE"},
      {"service=video queue=", "'queue=' is not KEY=VALUE"},
      {"service=video =3", "'=3' is not KEY=VALUE"},
      {"service=video queue=1 queue=2", "queue given twice"},
      {"service=a service=b", "service given twice"},
      {"service=video queue=-1", "bad value '-1' for queue"},
      {"service=video queue=+1", "bad value '+1' for queue"},
      {"service=video queue=4294967296", "bad value '4294967296' for queue"},
      {"service=video queue=0x10", "bad value '0x10' for queue"},
      {"service=video inflight=1.5", "bad value '1.5' for inflight"},
      {"service=video delay_us=-3", "bad value '-3' for delay_us"},
      {"service=video delay_us=inf", "bad value 'inf' for delay_us"},
      {"service=video rps=nan", "bad value 'nan' for rps"},
      {"service=video rps=1e999", "bad value '1e999' for rps"},
      {"service=video rps=12abc", "bad value '12abc' for rps"},
      {"service=video health=maybe", "bad value 'maybe' for health"},
      {"service=vid/eo", "bad value 'vid/eo' for service"},
      {"service=video instance=" + std::string(65, 'x'),
       "bad value '" + std::string(65, 'x') + "' for instance"},
      {"service=video\nqueue=1", "control byte 0x0a"},
      {"service=video\r\n", "control byte 0x0d"},
      {std::string("service=video\0", 14), "control byte 0x00"},
      {"service=video " + std::string(1020, ' '), "longer than 1024 bytes"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const auto parsed = parse_service_push(c.line);
    CHECK_FALSE(parsed);
    CHECK(parsed.error == c.error);
  }
}
