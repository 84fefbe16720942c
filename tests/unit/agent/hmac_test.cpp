// HMAC-SHA256 known answers (RFC 4231 section 4) and the constant-time comparison.
#include <catch2/catch.hpp>

#include "libcfnmetric/agent/hmac.hpp"
#include "tests/unit/agent/hex.hpp"

using cfn::metric::hmac_sha256;
using cfn::test::from_hex;
using cfn::test::from_text;

namespace {

cfn::test::Bytes mac_bytes(const cfn::metric::Hmac& mac) {
  return {mac.begin(), mac.end()};
}

}  // namespace

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2 (key shorter than the block)",
          "[agent][hmac]") {
  CHECK(mac_bytes(hmac_sha256(from_text("Jefe"), from_text("what do ya want for nothing?"))) ==
        from_hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 1", "[agent][hmac]") {
  const cfn::test::Bytes key(20, 0x0b);
  CHECK(mac_bytes(hmac_sha256(key, from_text("Hi There"))) ==
        from_hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 6 (key longer than the block)", "[agent][hmac]") {
  const cfn::test::Bytes key(131, 0xaa);
  CHECK(mac_bytes(hmac_sha256(
            key, from_text("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
        from_hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}

TEST_CASE("equal_constant_time compares contents and lengths", "[agent][hmac]") {
  using cfn::metric::equal_constant_time;
  const auto a = from_hex("00112233");
  CHECK(equal_constant_time(a, from_hex("00112233")));
  CHECK_FALSE(equal_constant_time(a, from_hex("00112234")));
  CHECK_FALSE(equal_constant_time(a, from_hex("80112233")));
  CHECK_FALSE(equal_constant_time(a, from_hex("001122")));
  CHECK(equal_constant_time({}, {}));
}
