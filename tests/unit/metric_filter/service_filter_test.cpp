// ServiceFilter: each filter on its own (the others off), its edge at 0 (off), and the step
// bypass, with a simulated clock.
#include <catch2/catch.hpp>

#include <optional>

#include "libcfnmetric/filter/service_filter.hpp"
#include "tests/unit/metric_filter/filter_test_support.hpp"

using cfn::metric::FilterParams;
using cfn::metric::ServiceFilter;
using std::chrono::milliseconds;
using Cost = std::optional<std::uint8_t>;

TEST_CASE("with every filter off, each changed cost is advertised at once",
          "[metric_filter][service]") {
  ServiceFilter f(all_off());
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.offer(at_ms(0), 101) == Cost(101));
  CHECK(f.offer(at_ms(1), 101) == std::nullopt);  // unchanged: nothing to say
  CHECK(f.offer(at_ms(2), 0) == Cost(0));
  CHECK(f.advertised() == Cost(0));
  CHECK(f.next_deadline() == std::nullopt);
}

TEST_CASE("dead band: no re-advertisement unless the cost moves more than N",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.dead_band = 5;
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.offer(at_ms(1), 105) == std::nullopt);  // moved exactly N
  CHECK(f.offer(at_ms(2), 95) == std::nullopt);
  CHECK(f.offer(at_ms(3), 106) == Cost(106));  // moved N + 1
  CHECK(f.offer(at_ms(4), 102) == std::nullopt);
  CHECK(f.offer(at_ms(5), 100) == Cost(100));  // 6 from the advertised 106
  CHECK(f.advertised() == Cost(100));
}

TEST_CASE("smoothing: the advertised cost follows the EWMA of the raw costs",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(1000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.offer(at_ms(1000), 200) == Cost(150));  // one half-life: half way
  CHECK(f.offer(at_ms(2000), 150) == std::nullopt);
  CHECK(f.offer(at_ms(4000), 250) == Cost(225));  // two half-lives: 150 + 3/4 of 100
}

TEST_CASE("minimum interval: a change waits, and the latest cost goes when it expires",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.min_interval = milliseconds(1000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.offer(at_ms(100), 120) == std::nullopt);
  CHECK(f.next_deadline() == at_ms(1000));
  CHECK(f.offer(at_ms(200), 130) == std::nullopt);
  CHECK(f.poll(at_ms(999)) == std::nullopt);
  CHECK(f.poll(at_ms(1000)) == Cost(130));
  CHECK(f.next_deadline() == std::nullopt);
  // The interval runs from that advertisement.
  CHECK(f.offer(at_ms(1500), 90) == std::nullopt);
  CHECK(f.next_deadline() == at_ms(2000));
  CHECK(f.offer(at_ms(2500), 80) == Cost(80));
}

TEST_CASE("minimum interval: a change that returns to the advertised cost is dropped",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.min_interval = milliseconds(1000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.offer(at_ms(100), 180) == std::nullopt);
  CHECK(f.offer(at_ms(200), 100) == std::nullopt);
  CHECK(f.next_deadline() == std::nullopt);
  CHECK(f.poll(at_ms(1000)) == std::nullopt);
}

TEST_CASE("hold-down: a withdrawn service is not advertised again until it expires",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.hold_down = milliseconds(10000);
  ServiceFilter f(p);
  CHECK_FALSE(f.withdraw(at_ms(0)));  // never advertised: nothing to withdraw
  CHECK(f.offer(at_ms(10000), 100) == Cost(100));
  CHECK(f.withdraw(at_ms(11000)));
  CHECK(f.advertised() == std::nullopt);
  CHECK(f.offer(at_ms(12000), 100) == std::nullopt);
  CHECK(f.next_deadline() == at_ms(21000));
  CHECK(f.offer(at_ms(16000), 120) == std::nullopt);
  CHECK(f.poll(at_ms(20999)) == std::nullopt);
  CHECK(f.poll(at_ms(21000)) == Cost(120));
}

TEST_CASE("hold-down 0 is off: a service may come back at once", "[metric_filter][service]") {
  ServiceFilter f(all_off());
  CHECK(f.offer(at_ms(0), 100) == Cost(100));
  CHECK(f.withdraw(at_ms(5)));
  CHECK(f.offer(at_ms(5), 100) == Cost(100));
}

TEST_CASE("a withdraw forgets the smoothing history", "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(60000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 10) == Cost(10));
  CHECK(f.withdraw(at_ms(100)));
  CHECK(f.offer(at_ms(200), 200) == Cost(200));
}

TEST_CASE("step: a jump beyond the threshold bypasses smoothing and the dead band",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(10000);
  p.dead_band = 100;
  p.step_threshold = 50;
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 10) == Cost(10));
  CHECK(f.offer(at_ms(100), 60) == std::nullopt);  // 50 away: not beyond the threshold
  CHECK(f.offer(at_ms(200), 70) == Cost(70));      // ~60 away from the smoothed ~10: a step
  CHECK(f.offer(at_ms(300), 70) == std::nullopt);
}

TEST_CASE("step: a step held back by the minimum interval goes when it expires",
          "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(10000);
  p.dead_band = 100;
  p.step_threshold = 50;
  p.min_interval = milliseconds(1000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 10) == Cost(10));
  CHECK(f.offer(at_ms(100), 70) == std::nullopt);
  // Later samples are smoothed from the new level; the step still bypasses the dead band.
  CHECK(f.offer(at_ms(200), 72) == std::nullopt);
  CHECK(f.next_deadline() == at_ms(1000));
  CHECK(f.poll(at_ms(1000)) == Cost(70));
}

TEST_CASE("step threshold 0 is off: a jump is smoothed", "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(1000);
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 10) == Cost(10));
  CHECK(f.offer(at_ms(1000), 250) == Cost(130));
}

TEST_CASE("drain (255), entered or left, is always a step", "[metric_filter][service]") {
  FilterParams p = all_off();
  p.smoothing_half_life = milliseconds(60000);
  p.dead_band = 255;
  ServiceFilter f(p);
  CHECK(f.offer(at_ms(0), 10) == Cost(10));
  CHECK(f.offer(at_ms(100), 255) == Cost(255));
  CHECK(f.offer(at_ms(200), 30) == Cost(30));
  CHECK(f.offer(at_ms(300), 200) == std::nullopt);  // smoothed, inside the dead band
}
