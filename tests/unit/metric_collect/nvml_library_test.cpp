// Tests for the NVML loader: a library that does not exist, a fake NVML with two GPUs (exact
// per-GPU values, per-field failure), a fake whose init fails; and the L0 GPU totals.
#include <catch2/catch.hpp>

#include "libcfnmetric/collect/nvml_library.hpp"
#include "libcfnmetric/collect/sampler.hpp"

using namespace cfn::metric;

namespace {

constexpr unsigned long long kGiB = 1ull << 30;

GpuSample gpu(unsigned index, double utilization, double memory_utilization,
              std::uint64_t free_bytes, std::uint64_t used_bytes, std::optional<double> watts) {
  GpuSample g;
  g.index = index;
  g.utilization = utilization;
  g.memory_utilization = memory_utilization;
  g.memory_total_bytes = 80 * kGiB;
  g.memory_free_bytes = free_bytes;
  g.memory_used_bytes = used_bytes;
  g.power_watts = watts;
  return g;
}

}  // namespace

TEST_CASE("NVML: a library that does not exist is absent, with the dlopen reason",
          "[collect][nvml]") {
  NvmlLibrary nvml("libcfn-no-such-nvml.so.1");
  auto gpus = nvml.sample();
  CHECK_FALSE(gpus);
  CHECK(gpus.error.starts_with("dlopen: libcfn-no-such-nvml.so.1: cannot open shared object file"));
}

TEST_CASE("NVML: a library without the entry points is absent", "[collect][nvml]") {
  NvmlLibrary nvml("libm.so.6");
  CHECK(nvml.sample().error == "no symbol nvmlInit_v2");
}

TEST_CASE("NVML: two fake GPUs give their exact readings", "[collect][nvml]") {
  NvmlLibrary nvml(FAKE_NVML);
  REQUIRE(nvml.error().empty());
  auto gpus = nvml.sample();
  REQUIRE(gpus);
  CHECK(*gpus.value == std::vector<GpuSample>{gpu(0, 0.25, 0.1, 60 * kGiB, 20 * kGiB, 150.0),
                                              gpu(1, 0.75, 0.5, 16 * kGiB, 64 * kGiB, 412.5)});
  L0Metrics metrics;
  add_gpu_totals(*gpus.value, metrics);
  CHECK(metrics.gpu_utilization == 0.5);
  CHECK(metrics.gpu_memory_free == 76 * kGiB);
  CHECK(metrics.gpu_memory_total == 160 * kGiB);
  CHECK(metrics.gpu_power_watts == 562.5);
}

TEST_CASE("NVML: one failing call leaves that field absent", "[collect][nvml]") {
  NvmlLibrary nvml(FAKE_NVML_NO_POWER);
  auto gpus = nvml.sample();
  REQUIRE(gpus);
  CHECK(*gpus.value ==
        std::vector<GpuSample>{gpu(0, 0.25, 0.1, 60 * kGiB, 20 * kGiB, 150.0),
                               gpu(1, 0.75, 0.5, 16 * kGiB, 64 * kGiB, std::nullopt)});
  L0Metrics metrics;
  add_gpu_totals(*gpus.value, metrics);
  CHECK(metrics.gpu_utilization == 0.5);
  CHECK_FALSE(metrics.gpu_power_watts);  // a partial sum would understate the site
}

TEST_CASE("NVML: init failure is absent with the NVML return code", "[collect][nvml]") {
  NvmlLibrary nvml(FAKE_NVML_INIT_FAILS);
  CHECK(nvml.error() == "nvmlInit_v2 returned 9");
  auto gpus = nvml.sample();
  CHECK_FALSE(gpus);
  CHECK(gpus.error == "nvmlInit_v2 returned 9");
}

TEST_CASE("GPU totals: no GPU leaves every GPU field absent", "[collect][nvml]") {
  L0Metrics metrics;
  metrics.gpu_utilization = 0.9;
  add_gpu_totals({}, metrics);
  CHECK(metrics == L0Metrics{});
}

TEST_CASE("Sampler: GPUs through the configured NVML library", "[collect][nvml][sampler]") {
  SamplerConfig config;
  config.root = FIXTURES "/host/t0";
  config.nvml_library = FAKE_NVML;
  Sampler sampler(config);
  L0Metrics metrics = sampler.sample(std::chrono::steady_clock::time_point{});
  CHECK(metrics.gpu_utilization == 0.5);
  CHECK(metrics.gpu_memory_total == 160 * kGiB);
  CHECK(sampler.gpus().size() == 2);
  CHECK(sampler.report().find("nvml")->present);

  config.nvml_library = FAKE_NVML_INIT_FAILS;
  Sampler failing(config);
  CHECK_FALSE(failing.sample(std::chrono::steady_clock::time_point{}).gpu_utilization);
  CHECK(failing.report().find("nvml")->reason == "nvmlInit_v2 returned 9");
}
