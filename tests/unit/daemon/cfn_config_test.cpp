// The cfn block: each setting sets, prints and is put back by its `no` form, defaults are not
// printed, the block yields the model's Policy and the filters' FilterParams, and `show cfn`
// (text and JSON, view mode) shows the effective settings.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "libcfn/cli/grammar.hpp"
#include "libcfn/cli/session.hpp"
#include "tests/unit/daemon/daemon_test_support.hpp"

using cfn::daemon::CfnConfig;
using cfn::metric::FilterParams;
using cfn::metric::Policy;
using cfn::metric::PolicyKind;
using std::chrono::milliseconds;

namespace {

struct OneDaemon {
  cfn::bgp::BgpdInstance bgpd{{}};

  // Loads `lines` into the cfn block; returns the errors.
  std::string load_cfn(const std::string& lines) {
    std::string errors;
    bgpd.daemon().load_config_text("cfn\n" + lines + "\n", "cfn.conf", errors);
    return errors;
  }
  const CfnConfig& cfn() const { return bgpd.running_common().cfn; }
  std::string config() { return bgpd.daemon().running_config(); }
};

CfnConfig entered() {
  CfnConfig c;
  c.block = true;
  return c;
}

constexpr const char* kConfigured =
    "policy custom weights compute 2 gpu 0 memory 1 delay 3\n"
    "price compute 0.5 bandwidth 2.5\n"
    "utilization-cap 90\n"
    "smoothing half-life 10000\n"
    "dead-band 0\n"
    "advertise min-interval 2000\n"
    "advertise hold-down 20000\n"
    "advertise rate-limit 0\n"
    "step-threshold 100";

}  // namespace

TEST_CASE("each cfn setting is printed, and its no form puts the default back") {
  struct Case {
    const char* line;
    const char* printed;
    const char* no_line;
  };
  const Case cases[] = {
      {"policy cost", " policy cost", "no policy"},
      {"policy latency", " policy latency", "no policy latency"},
      {"policy custom", " policy custom", "no policy"},
      {"policy custom weights compute 1 gpu 1 memory 1 delay 1", " policy custom", "no policy"},
      {"policy custom weights compute 5 gpu 0 memory 0 delay 1000",
       " policy custom weights compute 5 gpu 0 memory 0 delay 1000",
       "no policy custom weights compute 5 gpu 0 memory 0 delay 1000"},
      {"price compute 0.25 bandwidth 3", " price compute 0.25 bandwidth 3", "no price"},
      {"price compute 1e3 bandwidth 0", " price compute 1000 bandwidth 0",
       "no price compute 1000 bandwidth 0"},
      {"utilization-cap 80", " utilization-cap 80", "no utilization-cap 80"},
      {"smoothing half-life 0", " smoothing half-life 0", "no smoothing half-life"},
      {"dead-band 255", " dead-band 255", "no dead-band 255"},
      {"advertise min-interval 3600000", " advertise min-interval 3600000",
       "no advertise min-interval"},
      {"advertise hold-down 1", " advertise hold-down 1", "no advertise hold-down 1"},
      {"advertise rate-limit 0", " advertise rate-limit 0", "no advertise rate-limit"},
      {"step-threshold 0", " step-threshold 0", "no step-threshold 0"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    OneDaemon d;
    REQUIRE(d.load_cfn(c.line) == "");
    CHECK(d.config().find(std::string("cfn\n") + c.printed + "\nexit\n") != std::string::npos);
    CHECK(d.cfn() != entered());

    OneDaemon reset;
    REQUIRE(reset.load_cfn(std::string(c.line) + "\n" + c.no_line) == "");
    CHECK(reset.cfn() == entered());
    CHECK(reset.config().find("cfn\nexit\n") != std::string::npos);
  }
}

TEST_CASE("cfn settings given at their default are not printed") {
  OneDaemon d;
  REQUIRE(d.load_cfn("policy balanced\n"
                     "price compute 1 bandwidth 1.0\n"
                     "utilization-cap 95\n"
                     "smoothing half-life 5000\n"
                     "dead-band 8\n"
                     "advertise min-interval 5000\n"
                     "advertise hold-down 15000\n"
                     "advertise rate-limit 100\n"
                     "step-threshold 64") == "");
  CHECK(d.cfn() == entered());
  CHECK(d.config().find("cfn\nexit\n") != std::string::npos);
}

TEST_CASE("the cfn block gives the model's Policy and the filters' FilterParams") {
  OneDaemon d;
  REQUIRE(d.load_cfn(kConfigured) == "");
  Policy policy;
  policy.kind = PolicyKind::kCustom;
  policy.weights = {2, 0, 1, 3};
  policy.compute_price = 0.5;
  policy.bandwidth_price = 2.5;
  policy.utilization_cap = 0.9;
  CHECK(d.cfn().policy == policy);
  FilterParams filter;
  filter.smoothing_half_life = milliseconds(10000);
  filter.dead_band = 0;
  filter.min_interval = milliseconds(2000);
  filter.hold_down = milliseconds(20000);
  filter.rate_limit = 0;
  filter.step_threshold = 100;
  CHECK(d.cfn().filter == filter);

  // A preset policy drops the custom weights; `no cfn` drops everything.
  REQUIRE(d.load_cfn(std::string(kConfigured) + "\npolicy cost") == "");
  CHECK(d.cfn().policy.kind == PolicyKind::kCost);
  CHECK(d.cfn().policy.weights == cfn::metric::CategoryWeights{});
  std::string errors;
  d.bgpd.daemon().load_config_text(std::string("cfn\n") + kConfigured + "\nexit\nno cfn\n",
                                   "cfn.conf", errors);
  REQUIRE(errors == "");
  CHECK(d.cfn() == CfnConfig{});
  CHECK(d.config().find("cfn") == std::string::npos);
}

TEST_CASE("show cfn: the effective settings, defaults included, as text") {
  CHECK(cfn::daemon::show_cfn_text(CfnConfig{}) ==
        "CFN policy: balanced\n"
        "  Weights (custom): compute 1, gpu 1, memory 1, delay 1\n"
        "  Prices (cost): compute 1 per core-second, bandwidth 1 per GB\n"
        "  Utilization cap (latency): 95%\n"
        "Stability filters:\n"
        "  Smoothing half-life: 5000 ms\n"
        "  Dead band: 8\n"
        "  Advertise min-interval: 5000 ms\n"
        "  Advertise hold-down: 15000 ms\n"
        "  Advertise rate-limit: 100 updates/s\n"
        "  Step threshold: 64 (drain is always a step)\n");
  OneDaemon d;
  REQUIRE(d.load_cfn(kConfigured) == "");
  CHECK(cfn::daemon::show_cfn_text(d.cfn()) ==
        "CFN policy: custom\n"
        "  Weights (custom): compute 2, gpu 0, memory 1, delay 3\n"
        "  Prices (cost): compute 0.5 per core-second, bandwidth 2.5 per GB\n"
        "  Utilization cap (latency): 90%\n"
        "Stability filters:\n"
        "  Smoothing half-life: 10000 ms\n"
        "  Dead band: off\n"
        "  Advertise min-interval: 2000 ms\n"
        "  Advertise hold-down: 20000 ms\n"
        "  Advertise rate-limit: off\n"
        "  Step threshold: 100 (drain is always a step)\n");
}

TEST_CASE("show cfn json: camelCase keys, numbers as numbers, in both daemons' view mode") {
  const auto expected = nlohmann::ordered_json::parse(R"({
    "policy": "custom",
    "weights": {"compute": 2, "gpu": 0, "memory": 1, "delay": 3},
    "computePrice": 0.5,
    "bandwidthPrice": 2.5,
    "utilizationCapPercent": 90,
    "smoothingHalfLifeMsecs": 10000,
    "deadBand": 0,
    "advertiseMinIntervalMsecs": 2000,
    "advertiseHoldDownMsecs": 20000,
    "advertiseRateLimitPerSec": 0,
    "stepThreshold": 100
  })");
  BothDaemons d;
  REQUIRE(d.load(std::string("cfn\n") + kConfigured + "\n") == "");
  for (const cfn::cli::CommandTable* table : {&d.bgpd.table(), &d.ospfd.table()}) {
    cfn::cli::Session vty(cfn::cli::cfn_grammar(), *table, cfn::cli::SessionMode::kInteractive,
                          cfn::cli::Node::kView);
    const auto json = vty.execute("show cfn json");
    REQUIRE(json.status == cfn::cli::Status::kSuccess);
    const auto got = nlohmann::ordered_json::parse(json.output);
    INFO(got.dump(2));
    CHECK(got == expected);
    const auto text = vty.execute("sh cfn");
    REQUIRE(text.status == cfn::cli::Status::kSuccess);
    CHECK(text.output == cfn::daemon::show_cfn_text(d.bgpd.running_common().cfn));
  }
}
