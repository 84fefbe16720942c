// FilterSet: the global rate cap (in order, never lost, one waiting entry per service),
// withdraws, and polling many services in deadline order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "libcfnmetric/filter/filter_set.hpp"
#include "tests/unit/metric_filter/filter_test_support.hpp"

using cfn::metric::FilterParams;
using cfn::metric::FilterSet;
using cfn::metric::FilterUpdate;
using std::chrono::milliseconds;
using Updates = std::vector<FilterUpdate>;

namespace {

FilterUpdate advertise(const std::string& service, std::uint8_t l2) {
  return {service, FilterUpdate::Kind::kAdvertise, l2};
}

FilterUpdate withdrawal(const std::string& service) {
  return {service, FilterUpdate::Kind::kWithdraw, 0};
}

}  // namespace

TEST_CASE("rate cap: what it delays goes later, in order, with the latest cost",
          "[metric_filter][set]") {
  FilterParams p = all_off();
  p.rate_limit = 2;
  FilterSet set(p);
  CHECK(set.offer(at_ms(0), "a", 10) == Updates{advertise("a", 10)});
  CHECK(set.offer(at_ms(0), "b", 20) == Updates{advertise("b", 20)});
  for (const char* name : {"c", "d", "e"}) CHECK(set.offer(at_ms(0), name, 30).empty());
  CHECK(set.next_deadline() == at_ms(500));
  // A newer cost of a waiting service takes its place in the queue.
  CHECK(set.offer(at_ms(100), "c", 35).empty());
  CHECK(set.poll(at_ms(499)).empty());
  CHECK(set.poll(at_ms(500)) == Updates{advertise("c", 35)});
  CHECK(set.next_deadline() == at_ms(1000));
  // An offer releases what the bucket allows first, and queues behind what still waits.
  CHECK(set.offer(at_ms(1000), "a", 11) == Updates{advertise("d", 30)});
  CHECK(set.poll(at_ms(1500)) == Updates{advertise("e", 30)});
  CHECK(set.poll(at_ms(2000)) == Updates{advertise("a", 11)});
  CHECK(set.next_deadline() == std::nullopt);
}

TEST_CASE("rate cap 0 is off: any number of updates at one instant", "[metric_filter][set]") {
  FilterSet set(all_off());
  int sent = 0;
  for (int i = 0; i < 1000; ++i) {
    sent += static_cast<int>(set.offer(at_ms(0), "s" + std::to_string(i), 1).size());
  }
  CHECK(sent == 1000);
  CHECK(set.next_deadline() == std::nullopt);
}

TEST_CASE("withdraw: sent at once, outside the cap; the queued advertisement is dropped",
          "[metric_filter][set]") {
  FilterParams p = all_off();
  p.rate_limit = 1;
  FilterSet set(p);
  CHECK(set.offer(at_ms(0), "a", 10).size() == 1);
  CHECK(set.offer(at_ms(0), "b", 20).empty());
  CHECK(set.offer(at_ms(0), "c", 30).empty());
  CHECK(set.withdraw(at_ms(10), "b") == Updates{withdrawal("b")});
  CHECK(set.withdraw(at_ms(10), "a") == Updates{withdrawal("a")});
  CHECK(set.withdraw(at_ms(10), "never-seen").empty());
  CHECK(set.poll(at_ms(1000)) == Updates{advertise("c", 30)});
  CHECK(set.next_deadline() == std::nullopt);
}

TEST_CASE("hold-down in the set: the service comes back when it expires", "[metric_filter][set]") {
  FilterParams p = all_off();
  p.hold_down = milliseconds(3000);
  FilterSet set(p);
  CHECK(set.offer(at_ms(0), "a", 10).size() == 1);
  CHECK(set.withdraw(at_ms(1000), "a") == Updates{withdrawal("a")});
  CHECK(set.offer(at_ms(1500), "a", 12).empty());
  CHECK(set.next_deadline() == at_ms(4000));
  CHECK(set.poll(at_ms(4000)) == Updates{advertise("a", 12)});
}

TEST_CASE("poll releases services in deadline order, not name order", "[metric_filter][set]") {
  FilterParams p = all_off();
  p.min_interval = milliseconds(1000);
  FilterSet set(p);
  CHECK(set.offer(at_ms(0), "b", 10).size() == 1);
  CHECK(set.offer(at_ms(200), "a", 10).size() == 1);
  CHECK(set.offer(at_ms(300), "a", 50).empty());  // due at 1200
  CHECK(set.offer(at_ms(300), "b", 50).empty());  // due at 1000
  CHECK(set.next_deadline() == at_ms(1000));
  CHECK(set.poll(at_ms(1500)) == Updates{advertise("b", 50), advertise("a", 50)});
}
