// The --once output: absent metrics as null, host CPU per CPU, GPU absent with its reason or
// listed, costs from evaluate(), and the text rendering of the same document.
#include <catch2/catch.hpp>

#include "libcfnmetric/agent/once_report.hpp"

using cfn::metric::Json;
using cfn::metric::ServiceSnapshot;
using namespace std::chrono_literals;

namespace {

ServiceSnapshot host_snapshot() {
  ServiceSnapshot s;
  s.config = {"host", "h1", std::nullopt, true};
  s.metrics.cpu_utilization = 0.25;
  s.metrics.cpu_cores = 2;
  s.metrics.queue_depth = 4;
  s.report.host.cpu_utilization.all = 0.25;
  s.report.host.cpu_utilization.per_cpu = {{0, 0.5}, {1, std::nullopt}};
  s.report.host.online_cores = 2;
  s.report.sources = {{"proc/stat", true, ""}, {"nvml", false, "dlopen: no such file"}};
  s.evaluation = cfn::metric::evaluate(s.metrics, cfn::metric::Policy{});
  return s;
}

}  // namespace

TEST_CASE("--once JSON: metrics with nulls, host per CPU, GPU absent with the reason",
          "[agent][once]") {
  const ServiceSnapshot s = host_snapshot();
  const Json once = cfn::metric::once_json("edge-1", 500ms, {s});
  CHECK(once["site"] == "edge-1");
  CHECK(once["interval_ms"] == 500);
  CHECK(once["host"]["cpu_utilization"] == 0.25);
  CHECK(once["host"]["online_cores"] == 2);
  CHECK(once["host"]["memory_utilization"].is_null());
  CHECK(once["host"]["per_cpu"] ==
        Json::parse(R"([{"cpu": 0, "utilization": 0.5}, {"cpu": 1, "utilization": null}])"));
  CHECK(once["gpu"] == Json::parse(R"({"status": "absent", "reason": "dlopen: no such file"})"));

  REQUIRE(once["services"].size() == 1);
  const Json& service = once["services"][0];
  CHECK(service["service"] == "host");
  CHECK(service["instance"] == "h1");
  CHECK(service["cgroup"].is_null());
  const Json& m = service["metrics"];
  CHECK(m.size() == 15);  // every L0 field, present or not
  CHECK(m["cpu_utilization"] == 0.25);
  CHECK(m["queue_depth"] == 4);
  CHECK(m["gpu_utilization"].is_null());
  CHECK(m["healthy"].is_null());
  const Json& costs = service["costs"];
  CHECK(costs["l2"] == s.evaluation.l2);
  CHECK(costs["weight"] == s.evaluation.weight);
  CHECK(costs["capacity"] == s.evaluation.capacity);
  CHECK(costs["drain"] == false);
  CHECK(costs["l1"]["compute"] == *s.evaluation.l1.compute);
  CHECK(costs["l1"]["gpu"].is_null());
  CHECK(service["absent_sources"] ==
        Json::parse(R"([{"source": "nvml", "reason": "dlopen: no such file"}])"));
}

TEST_CASE("--once JSON lists GPUs from the first service that samples them", "[agent][once]") {
  ServiceSnapshot no_gpu = host_snapshot();
  no_gpu.config = {"web", "h1", "web.slice", false};
  ServiceSnapshot with_gpu = host_snapshot();
  with_gpu.config.name = "llm";
  cfn::metric::GpuSample gpu;
  gpu.index = 0;
  gpu.utilization = 0.75;
  gpu.memory_total_bytes = 80;
  with_gpu.report.gpus = {gpu};
  const Json once = cfn::metric::once_json("edge-1", 500ms, {no_gpu, with_gpu});
  CHECK(once["gpu"]["status"] == "present");
  REQUIRE(once["gpu"]["gpus"].size() == 1);
  CHECK(once["gpu"]["gpus"][0]["utilization"] == 0.75);
  CHECK(once["gpu"]["gpus"][0]["power_watts"].is_null());
  CHECK(once["services"][0]["cgroup"] == "web.slice");
}

TEST_CASE("--once text shows the same figures", "[agent][once]") {
  const std::string text =
      cfn::metric::once_text(cfn::metric::once_json("edge-1", 500ms, {host_snapshot()}));
  CHECK_THAT(text, Catch::StartsWith("site edge-1, sampled over 500 ms\n"
                                     "host: cpu 25.0% of 2 cores, memory -\n"
                                     "  cpu0 50.0%\n"
                                     "  cpu1 -\n"
                                     "gpu: absent (dlopen: no such file)\n"
                                     "service host instance h1\n"
                                     "  cpu_utilization        0.250\n"));
  CHECK_THAT(text, Catch::Contains("  queue_depth            4\n"));
  CHECK_THAT(text, Catch::Contains("  healthy                -\n"));
  CHECK_THAT(text, Catch::Contains("  absent: nvml: dlopen: no such file\n"));
}
