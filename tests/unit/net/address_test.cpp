// Tests for IpAddress and Prefix: strict parsing, RFC 5952 printing, masking, order, hash.
#include <catch2/catch.hpp>

#include <unordered_set>
#include "tests/unit/address_literals.hpp"

#include "libcfn/net/address.hpp"

using cfn::net::Family;
using cfn::net::IpAddress;
using cfn::net::Prefix;

using cfn::test::addr;
using cfn::test::pfx;

namespace {}  // namespace

TEST_CASE("IPv4 parse and print round trip", "[net][address]") {
  const auto text = GENERATE(as<std::string>{}, "0.0.0.0", "1.2.3.4", "10.0.0.1", "192.168.100.200",
                             "255.255.255.255", "100.64.0.0");
  const auto parsed = IpAddress::parse(text);
  REQUIRE(parsed);
  CHECK(parsed->is_v4());
  CHECK_FALSE(parsed->is_v6());
  CHECK(parsed->family() == Family::kV4);
  CHECK(parsed->bit_length() == 32);
  CHECK(parsed->to_string() == text);
  CHECK(IpAddress::parse_v4(text) == parsed);
  CHECK_FALSE(IpAddress::parse_v6(text));
}

TEST_CASE("IPv4 value and bytes", "[net][address]") {
  const IpAddress a = addr("192.0.2.1");
  CHECK(a.v4_value() == 0xc0000201u);
  CHECK(a.bytes()[0] == 192);
  CHECK(a.bytes()[3] == 1);
  CHECK(a.bytes()[4] == 0);
  CHECK(IpAddress::from_v4(0xc0000201u) == a);
  CHECK(IpAddress::from_v4(0xffffffffu).to_string() == "255.255.255.255");
  CHECK(IpAddress().to_string() == "0.0.0.0");
}

TEST_CASE("IPv4 parse rejects malformed text", "[net][address]") {
  const auto text = GENERATE(as<std::string>{}, "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256",
                             "01.2.3.4", "1.2.3.04", "00.1.1.1", "+1.2.3.4", "-1.2.3.4", "1.+2.3.4",
                             "1..2.3", ".1.2.3", "1.2.3.4.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.a",
                             "0x1.2.3.4", "1000.1.1.1", "1.2.3.4/8", "1234");
  CAPTURE(text);
  CHECK_FALSE(IpAddress::parse(text));
  CHECK_FALSE(IpAddress::parse_v4(text));
}

TEST_CASE("IPv6 parse and RFC 5952 print", "[net][address]") {
  using Row = std::pair<std::string, std::string>;
  const auto [input, canonical] = GENERATE(table<std::string, std::string>({
      Row{"::", "::"},
      Row{"::1", "::1"},
      Row{"1::", "1::"},
      Row{"0:0:0:0:0:0:0:1", "::1"},
      Row{"0:0:0:0:0:0:0:0", "::"},
      Row{"2001:DB8::1", "2001:db8::1"},
      Row{"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
      // Section 4.2.2: a single zero group is not shortened.
      Row{"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
      // Section 4.2.3: the longest run wins; on a tie the first one.
      Row{"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},
      Row{"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
      Row{"1:0:0:2:0:0:3:4", "1::2:0:0:3:4"},
      Row{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
      Row{"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"},
      Row{"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"},
      Row{"1:0:0:0:0:0:0:8", "1::8"},
      Row{"fe80::abcd:ef01", "fe80::abcd:ef01"},
      Row{"FFFF:ffff:FFFF:ffff:FFFF:ffff:FFFF:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
      Row{"0001:0010:0100:1000::", "1:10:100:1000::"},
      // Embedded IPv4 tail; section 5: IPv4-mapped addresses print dotted.
      Row{"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
      Row{"0:0:0:0:0:FFFF:c000:0201", "::ffff:192.0.2.1"},
      Row{"::192.0.2.1", "::c000:201"},
      Row{"64:ff9b::192.0.2.33", "64:ff9b::c000:221"},
      Row{"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
  }));
  CAPTURE(input);
  const auto parsed = IpAddress::parse(input);
  REQUIRE(parsed);
  CHECK(parsed->is_v6());
  CHECK(parsed->bit_length() == 128);
  CHECK(parsed->to_string() == canonical);
  CHECK(IpAddress::parse_v6(input) == parsed);
  CHECK_FALSE(IpAddress::parse_v4(input));
  CHECK(IpAddress::parse(canonical) == parsed);
}

TEST_CASE("IPv6 parse rejects malformed text", "[net][address]") {
  const auto text =
      GENERATE(as<std::string>{}, ":", ":::", "::1::", "1::2::3", "1:2:3:4:5:6:7:8:9",
               "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", ":1:2:3:4:5:6:7:8",
               "1:2:3:4:5:6:7:8:", "1:", ":1", "1::2:", "12345::", "g::", "::g",
               "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4:5", "::01.2.3.4", "::256.0.0.1",
               "1.2.3.4::", "fe80::1%eth0", "::-1", ":: ", "[::1]", "::+1", "0x1::");
  CAPTURE(text);
  CHECK_FALSE(IpAddress::parse(text));
  CHECK_FALSE(IpAddress::parse_v6(text));
}

TEST_CASE("IPv6 bytes round trip through from_v6", "[net][address]") {
  const IpAddress a = addr("2001:db8::102:304");
  CHECK(a.bytes()[0] == 0x20);
  CHECK(a.bytes()[1] == 0x01);
  CHECK(a.bytes()[12] == 1);
  CHECK(a.bytes()[15] == 4);
  CHECK(IpAddress::from_v6(a.bytes()) == a);
}

TEST_CASE("addresses order numerically with IPv4 first", "[net][address]") {
  CHECK(addr("9.255.255.255") < addr("10.0.0.0"));
  CHECK(addr("10.0.0.2") < addr("10.0.0.10"));
  CHECK(addr("255.255.255.255") < addr("::"));
  CHECK(addr("::1") < addr("::2"));
  CHECK(addr("::ffff") < addr("1::"));
  // Same bytes, different family: not equal.
  CHECK(addr("0.0.0.0") != addr("::"));
  CHECK(addr("0.0.0.0") < addr("::"));
  CHECK(addr("2001:db8::1") == addr("2001:0DB8:0:0::1"));
}

TEST_CASE("address hash agrees with equality", "[net][address]") {
  const std::hash<IpAddress> hash;
  CHECK(hash(addr("2001:db8::1")) == hash(addr("2001:db8:0::0:1")));
  CHECK(hash(addr("0.0.0.0")) != hash(addr("::")));
  std::unordered_set<IpAddress> set{addr("10.0.0.1"), addr("10.0.0.1"), addr("::1"),
                                    addr("10.0.0.2")};
  CHECK(set.size() == 3);
  CHECK(set.count(addr("::1")) == 1);
}

TEST_CASE("prefix parse masks host bits", "[net][prefix]") {
  using Row = std::pair<std::string, std::string>;
  const auto [input, canonical] = GENERATE(table<std::string, std::string>({
      Row{"10.1.2.3/8", "10.0.0.0/8"},
      Row{"10.0.0.0/8", "10.0.0.0/8"},
      Row{"192.168.1.129/25", "192.168.1.128/25"},
      Row{"192.168.1.255/31", "192.168.1.254/31"},
      Row{"1.2.3.4/32", "1.2.3.4/32"},
      Row{"1.2.3.4/0", "0.0.0.0/0"},
      Row{"255.255.255.255/1", "128.0.0.0/1"},
      Row{"2001:db8:1:2::1/32", "2001:db8::/32"},
      Row{"2001:db8::1/128", "2001:db8::1/128"},
      Row{"2001:db8:ffff::/33", "2001:db8:8000::/33"},
      Row{"ffff::/0", "::/0"},
      Row{"fe80::1:2:3:4/64", "fe80::/64"},
  }));
  CAPTURE(input);
  const auto parsed = Prefix::parse(input);
  REQUIRE(parsed);
  CHECK(parsed->to_string() == canonical);
  CHECK(Prefix::parse(canonical) == parsed);
}

TEST_CASE("prefix parse rejects malformed text", "[net][prefix]") {
  const auto text =
      GENERATE(as<std::string>{}, "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08",
               "10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8", "/8", "::/129",
               "::", "::/", "2001:db8::/0x20", "10.0.0.0/ 8", "10.0.0.0/1000");
  CAPTURE(text);
  CHECK_FALSE(Prefix::parse(text));
}

TEST_CASE("prefix family-specific parse", "[net][prefix]") {
  CHECK(Prefix::parse_v4("10.0.0.0/8"));
  CHECK_FALSE(Prefix::parse_v4("2001:db8::/32"));
  CHECK(Prefix::parse_v6("2001:db8::/32"));
  CHECK_FALSE(Prefix::parse_v6("10.0.0.0/8"));
  CHECK(Prefix::parse_v6("::ffff:10.0.0.0/104")->to_string() == "::ffff:10.0.0.0/104");
}

TEST_CASE("prefix constructor masks and checks the length", "[net][prefix]") {
  const Prefix p(addr("172.16.5.4"), 12);
  CHECK(p.address() == addr("172.16.0.0"));
  CHECK(p.length() == 12);
  CHECK(p.is_v4());
  CHECK(p.family() == Family::kV4);
  CHECK(Prefix(addr("2001:db8::1"), 0).is_v6());
  CHECK_THROWS_AS(Prefix(addr("1.2.3.4"), 33), std::out_of_range);
  CHECK_THROWS_AS(Prefix(addr("::1"), 129), std::out_of_range);
  CHECK(Prefix().to_string() == "0.0.0.0/0");
}

TEST_CASE("prefix contains addresses and prefixes", "[net][prefix]") {
  const Prefix net10 = pfx("10.0.0.0/8");
  CHECK(net10.contains(addr("10.0.0.0")));
  CHECK(net10.contains(addr("10.255.255.255")));
  CHECK_FALSE(net10.contains(addr("11.0.0.0")));
  CHECK_FALSE(net10.contains(addr("::a00:1")));
  CHECK(pfx("0.0.0.0/0").contains(addr("1.2.3.4")));
  CHECK_FALSE(pfx("0.0.0.0/0").contains(addr("::")));
  CHECK(pfx("::/0").contains(addr("2001:db8::1")));
  CHECK(pfx("1.2.3.4/32").contains(addr("1.2.3.4")));
  CHECK_FALSE(pfx("1.2.3.4/32").contains(addr("1.2.3.5")));

  CHECK(net10.contains(net10));
  CHECK(net10.contains(pfx("10.1.0.0/16")));
  CHECK_FALSE(pfx("10.1.0.0/16").contains(net10));
  CHECK_FALSE(net10.contains(pfx("11.0.0.0/16")));
  CHECK_FALSE(pfx("0.0.0.0/0").contains(pfx("::/0")));
  CHECK(pfx("2001:db8::/32").contains(pfx("2001:db8:1::/48")));
  CHECK_FALSE(pfx("2001:db8::/32").contains(pfx("2001:db9::/48")));
}

TEST_CASE("prefixes order by address then length, IPv4 first", "[net][prefix]") {
  CHECK(pfx("10.0.0.0/8") < pfx("10.0.0.0/16"));
  CHECK(pfx("10.0.0.0/16") < pfx("10.1.0.0/16"));
  CHECK(pfx("9.0.0.0/8") < pfx("10.0.0.0/7"));
  CHECK(pfx("255.0.0.0/8") < pfx("::/0"));
  CHECK(pfx("10.1.2.3/8") == pfx("10.0.0.0/8"));
  CHECK(pfx("10.0.0.0/8") != pfx("10.0.0.0/9"));
}

TEST_CASE("prefix hash agrees with equality", "[net][prefix]") {
  const std::hash<Prefix> hash;
  CHECK(hash(pfx("10.1.2.3/8")) == hash(pfx("10.0.0.0/8")));
  CHECK(hash(pfx("10.0.0.0/8")) != hash(pfx("10.0.0.0/9")));
  std::unordered_set<Prefix> set{pfx("10.0.0.0/8"), pfx("10.9.9.9/8"), pfx("::/0"),
                                 pfx("0.0.0.0/0")};
  CHECK(set.size() == 3);
}
