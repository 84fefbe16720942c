// TokenBucket: `rate` tokens at once, then one every 1/rate seconds; 0 is unlimited.
#include <catch2/catch.hpp>

#include "libcfnmetric/filter/token_bucket.hpp"
#include "tests/unit/metric_filter/filter_test_support.hpp"

using cfn::metric::TokenBucket;

TEST_CASE("TokenBucket gives one second's worth at once, then paces", "[metric_filter][bucket]") {
  TokenBucket bucket(4);
  for (int i = 0; i < 4; ++i) CHECK(bucket.try_take(at_ms(1000)));
  CHECK_FALSE(bucket.try_take(at_ms(1000)));
  CHECK(bucket.next_token() == at_ms(1250));
  CHECK_FALSE(bucket.try_take(at_ms(1249)));
  CHECK(bucket.try_take(at_ms(1250)));
  CHECK_FALSE(bucket.try_take(at_ms(1250)));
  // Idle time refills it, up to the burst and no more.
  for (int i = 0; i < 4; ++i) CHECK(bucket.try_take(at_ms(10000)));
  CHECK_FALSE(bucket.try_take(at_ms(10000)));
}

TEST_CASE("TokenBucket keeps the long-run rate exact", "[metric_filter][bucket]") {
  TokenBucket bucket(3);
  int taken = 0;
  for (int ms = 0; ms <= 60000; ++ms) taken += bucket.try_take(at_ms(ms)) ? 1 : 0;
  CHECK(taken == 3 + 60 * 3);  // the burst, then 3 per second for 60 s
}

TEST_CASE("TokenBucket with rate 0 is unlimited", "[metric_filter][bucket]") {
  TokenBucket bucket(0);
  for (int i = 0; i < 100000; ++i) REQUIRE(bucket.try_take(at_ms(0)));
}
